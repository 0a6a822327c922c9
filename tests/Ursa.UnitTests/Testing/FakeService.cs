using System.Reflection;

namespace Ursa.UnitTests.Testing;

/// <summary>
/// A fake of a wide service interface (CRI, API client) answering only the methods a test names, by method name;
/// any other call fails the test with the method's name, so a fake never answers something the test did not decide.
/// </summary>
/// <typeparam name="T">The interface.</typeparam>
public class FakeService<T> : DispatchProxy
    where T : class
{
    private IReadOnlyDictionary<string, Func<object?[], object?>> _handlers = new Dictionary<string, Func<object?[], object?>>();

    /// <summary>A <typeparamref name="T"/> whose method <c>Name</c> runs <c>handlers[Name](arguments)</c>.</summary>
    public static T Create(IReadOnlyDictionary<string, Func<object?[], object?>> handlers)
    {
        var proxy = DispatchProxy.Create<T, FakeService<T>>();
        ((FakeService<T>)(object)proxy)._handlers = handlers;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        _handlers.TryGetValue(targetMethod!.Name, out var handler)
            ? handler(args ?? [])
            : throw new NotSupportedException($"{typeof(T).Name}.{targetMethod.Name} is not faked in this test");
}

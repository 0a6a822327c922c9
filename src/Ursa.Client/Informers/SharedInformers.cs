using Microsoft.Extensions.Logging;
using Ursa.Api.Meta;
using Ursa.Client.Rest;

namespace Ursa.Client.Informers;

/// <summary>
/// client-go's shared informer factory: one <see cref="Informer{T}"/> — one list and one watch — per kind and list
/// options, however many controllers of one process ask for it. Without it every controller that looks at pods opened
/// its own watch of every pod in the cluster, and the API server encoded and sent each pod event once per controller.
/// Controllers take their informers and add their handlers first; <see cref="RunAsync"/> then starts them all, so no
/// handler misses the initial list.
/// </summary>
public sealed class SharedInformers(IApiClient client, TimeProvider time, ILogger logger)
{
    private readonly Dictionary<(Type Kind, ResourceRef Resource, ListOptions Options), IRunnable> _informers = [];
    private readonly Lock _lock = new();
    private bool _started;

    /// <summary>The informer of <paramref name="resource"/> with <paramref name="options"/>, created on first use.</summary>
    /// <exception cref="InvalidOperationException">After <see cref="RunAsync"/>: a handler added then would miss the list.</exception>
    public Informer<T> For<T>(ResourceRef resource, ListOptions options)
        where T : KubeObject
    {
        lock (_lock)
        {
            if (_started)
            {
                throw new InvalidOperationException($"Shared informers already started: ask for {resource.Plural} before RunAsync.");
            }

            var key = (typeof(T), resource, options);
            if (!_informers.TryGetValue(key, out var runnable))
            {
                runnable = new Runnable<T>(new Informer<T>(client, resource, options, time, logger));
                _informers[key] = runnable;
            }

            return ((Runnable<T>)runnable).Informer;
        }
    }

    /// <summary>How many distinct informers (watches) this process runs.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _informers.Count;
            }
        }
    }

    /// <summary>Runs every informer asked for so far until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken)
    {
        List<IRunnable> all;
        lock (_lock)
        {
            _started = true;
            all = [.. _informers.Values];
        }

        return Task.WhenAll(all.Select(i => i.RunAsync(cancellationToken)));
    }

    private interface IRunnable
    {
        Task RunAsync(CancellationToken cancellationToken);
    }

    private sealed class Runnable<T>(Informer<T> informer) : IRunnable
        where T : KubeObject
    {
        public Informer<T> Informer { get; } = informer;

        public Task RunAsync(CancellationToken cancellationToken) => Informer.RunAsync(cancellationToken);
    }
}

using Ursa.ApiServer.Validation;

namespace Ursa.ApiServer.Resources;

/// <summary>Typed base for strategies; the defaults do nothing beyond metadata validation.</summary>
public abstract class ResourceStrategy<T> : IResourceStrategy
    where T : KubeObject
{
    public void PrepareForCreate(KubeObject obj) => PrepareForCreate((T)obj);

    public void PrepareForUpdate(KubeObject obj, KubeObject old) => PrepareForUpdate((T)obj, (T)old);

    public void Validate(KubeObject obj, FieldErrorList errors) => Validate((T)obj, errors);

    public void ValidateUpdate(KubeObject obj, KubeObject old, FieldErrorList errors) => ValidateUpdate((T)obj, (T)old, errors);

    public void ValidateStatusUpdate(KubeObject obj, KubeObject old, FieldErrorList errors) => ValidateStatusUpdate((T)obj, (T)old, errors);

    protected virtual void PrepareForCreate(T obj)
    {
    }

    protected virtual void PrepareForUpdate(T obj, T old)
    {
    }

    protected virtual void Validate(T obj, FieldErrorList errors)
    {
    }

    protected virtual void ValidateUpdate(T obj, T old, FieldErrorList errors)
    {
    }

    /// <summary>No kind has status rules yet; spec and metadata are not re-validated (unchanged by a status write).</summary>
    protected virtual void ValidateStatusUpdate(T obj, T old, FieldErrorList errors)
    {
    }
}

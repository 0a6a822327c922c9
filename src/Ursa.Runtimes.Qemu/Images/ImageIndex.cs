namespace Ursa.Runtimes.Qemu.Images;

/// <summary>
/// Pure: which content each reference points at. A reference points at one image; an image may have many
/// references (two URLs serving the same bytes share one file). Not thread-safe: the store serializes access.
/// </summary>
internal sealed class ImageIndex
{
    private readonly SortedDictionary<string, ImageRecord> _images = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _byReference = new(StringComparer.Ordinal);

    public ImageIndex()
    {
    }

    public ImageIndex(IEnumerable<ImageRecord> images)
    {
        ArgumentNullException.ThrowIfNull(images);
        foreach (ImageRecord image in images)
        {
            _images[image.Id] = image;
            foreach (ReferenceRecord reference in image.References)
            {
                _byReference[reference.Reference] = image.Id;
            }
        }
    }

    public IEnumerable<ImageRecord> Images => _images.Values;

    public ImageRecord? FindByReference(string key) =>
        _byReference.TryGetValue(key, out string? id) ? _images[id] : null;

    /// <summary>By <c>sha256:&lt;hex&gt;</c> or the bare hex.</summary>
    public ImageRecord? FindById(string id)
    {
        string full = id.StartsWith(Sha256Digest.Prefix, StringComparison.Ordinal) ? id : Sha256Digest.Prefix + id;
        return _images.GetValueOrDefault(full);
    }

    public ReferenceRecord? Source(string key) =>
        FindByReference(key)?.References.First(r => r.Reference == key);

    /// <summary>Records that <paramref name="reference"/> now points at <paramref name="content"/> (whose own
    /// references are ignored). An image the reference pointed at before keeps its file, now dangling.</summary>
    public ImageRecord Put(ImageRecord content, ReferenceRecord reference)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(reference);
        if (_byReference.TryGetValue(reference.Reference, out string? previous) && previous != content.Id)
        {
            ImageRecord old = _images[previous];
            _images[previous] = old with { References = [.. old.References.Where(r => r.Reference != reference.Reference)] };
        }

        ImageRecord current = _images.GetValueOrDefault(content.Id) ?? content with { References = [] };
        current = current with
        {
            References = [.. current.References.Where(r => r.Reference != reference.Reference).Append(reference).OrderBy(r => r.Reference, StringComparer.Ordinal)],
        };
        _images[content.Id] = current;
        _byReference[reference.Reference] = content.Id;
        return current;
    }

    /// <summary>Drops <paramref name="key"/>; returns the image it pointed at when that image has no reference
    /// left (and is gone from the index: its file should go), else null.</summary>
    public ImageRecord? RemoveReference(string key, out bool found)
    {
        found = _byReference.Remove(key, out string? id);
        if (!found)
        {
            return null;
        }

        ImageRecord image = _images[id!] with { References = [.. _images[id!].References.Where(r => r.Reference != key)] };
        if (image.References.Count > 0)
        {
            _images[image.Id] = image;
            return null;
        }

        _ = _images.Remove(image.Id);
        return image;
    }

    /// <summary>Drops an image and all its references; returns it, or null when unknown.</summary>
    public ImageRecord? RemoveImage(string id)
    {
        ImageRecord? image = FindById(id);
        if (image is null)
        {
            return null;
        }

        foreach (ReferenceRecord reference in image.References)
        {
            _ = _byReference.Remove(reference.Reference);
        }

        _ = _images.Remove(image.Id);
        return image;
    }

    public ImageIndexDocument ToDocument() => new(ImageIndexDocument.CurrentVersion, [.. _images.Values]);
}

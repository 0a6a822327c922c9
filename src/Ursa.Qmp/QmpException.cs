namespace Ursa.Qmp;

/// <summary>QEMU refused a command (a QMP <c>error</c> reply), or a job it ran failed (<see cref="Class"/> <c>JobFailed</c>).</summary>
public sealed class QmpException : Exception
{
    /// <summary>The <see cref="Class"/> of a failed job run through <see cref="QmpJobs.RunJobAsync"/>.</summary>
    public const string JobFailedClass = "JobFailed";

    public QmpException(string command, string errorClass, string description)
        : base($"QMP {command} failed: {errorClass}: {description}")
    {
        Command = command;
        Class = errorClass;
        Description = description;
    }

    /// <summary>The command that failed.</summary>
    public string Command { get; }

    /// <summary>QEMU's error class, e.g. <c>GenericError</c>, <c>CommandNotFound</c>, <c>DeviceNotFound</c>, or <see cref="JobFailedClass"/>.</summary>
    public string Class { get; }

    /// <summary>QEMU's human-readable description.</summary>
    public string Description { get; }
}

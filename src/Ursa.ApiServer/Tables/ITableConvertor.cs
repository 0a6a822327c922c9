namespace Ursa.ApiServer.Tables;

/// <summary>Turns objects of one kind into table rows for <c>kubectl get</c>.</summary>
public interface ITableConvertor
{
    IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>The cell values of one object, in column order (strings, numbers or booleans).</summary>
    IReadOnlyList<object?> Cells(KubeObject obj, DateTimeOffset now);
}

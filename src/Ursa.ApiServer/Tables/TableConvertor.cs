namespace Ursa.ApiServer.Tables;

/// <summary>A table convertor built from columns with one cell function each.</summary>
public sealed class TableConvertor<T> : ITableConvertor
    where T : KubeObject
{
    private readonly List<(TableColumn Column, Func<T, DateTimeOffset, object?> Cell)> _columns = [];

    public IReadOnlyList<TableColumn> Columns => _columns.Select(c => c.Column).ToList();

    /// <summary>Starts a table with the NAME column every kind has.</summary>
    public static TableConvertor<T> WithName() =>
        new TableConvertor<T>().Add(new TableColumn("Name", "string", "Name must be unique within a namespace.", 0, "name"), (o, _) => o.Metadata.Name);

    public TableConvertor<T> Add(TableColumn column, Func<T, DateTimeOffset, object?> cell)
    {
        _columns.Add((column, cell));
        return this;
    }

    public TableConvertor<T> Add(string name, string type, string description, Func<T, DateTimeOffset, object?> cell, int priority = 0) =>
        Add(new TableColumn(name, type, description, priority), cell);

    public TableConvertor<T> WithAge() =>
        Add("Age", "string", "Time since the object was created.", (o, now) => HumanDuration.Since(o.Metadata.CreationTimestamp, now));

    public IReadOnlyList<object?> Cells(KubeObject obj, DateTimeOffset now)
    {
        var typed = (T)obj;
        var cells = new object?[_columns.Count];
        for (var i = 0; i < cells.Length; i++)
        {
            cells[i] = _columns[i].Cell(typed, now);
        }

        return cells;
    }
}

namespace Nova.Resources.PostgreSql;

/// <summary>
/// The PostgreSQL store could not do what was asked: the database is unreachable, refused the login, or the role
/// lacks a right. The message names the operation, the database (never the password) and PostgreSQL's or Npgsql's
/// own words; the inner exception is Npgsql's. A write that fails this way changed nothing, unless only the
/// answer was lost after the commit: the record's revision then makes the writer's next save a
/// <see cref="Nova.Resources.Tracking.ComputeNodeConflictException"/>, never a silent overwrite.
/// </summary>
public sealed class PostgreSqlStoreException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="PostgreSqlStoreException"/> class.</summary>
    public PostgreSqlStoreException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PostgreSqlStoreException"/> class with a message.</summary>
    /// <param name="message">The message.</param>
    public PostgreSqlStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PostgreSqlStoreException"/> class with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause, usually an <c>NpgsqlException</c>.</param>
    public PostgreSqlStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

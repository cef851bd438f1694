namespace Parity.Claims;

/// <summary>Thrown by a test when the data it needs are not in force on the as-of date; the reading is then "no data", not an error.</summary>
public sealed class NoDataYetException(string message) : Exception(message);

namespace Parity.Catalog;

/// <summary>How a name was matched to a catalog model.</summary>
/// <param name="ModelId">The canonical id.</param>
/// <param name="Rank">0: the name is the id or display name; 1: a listed alias; 2: an alias after dropping a provider prefix; 3: after dropping a date suffix.</param>
internal readonly record struct ModelMatch(string ModelId, int Rank);

using System.Numerics;

namespace EssenceOfPose.Data.SyntheticCity;

/// <summary>
/// A generated city: its geo frame, street layout, buildings (with their ray-casting grid), the
/// Street View panorama locations along the streets, and the sun and sky. Immutable once built;
/// every renderer thread reads it at once.
/// </summary>
internal sealed class CityModel
{
    public required GeoFrame Geo { get; init; }
    public required CityLayout Layout { get; init; }
    public required Building[] Buildings { get; init; }
    public required BuildingGrid Grid { get; init; }
    /// <summary>Buildings away from the city's edge (<see cref="SyntheticCityOptions.TargetMarginBlocks"/>) with at least one frontage.</summary>
    public required int[] TargetBuildings { get; init; }
    /// <summary>Street View locations on the carriageways (x, y); index + 1 is the StreetViewID.</summary>
    public required Vector2[] Panoramas { get; init; }
    public required SkyLight Sky { get; init; }
}

using EssenceOfPose.Data.StreetView;

namespace EssenceOfPose.Data.SyntheticCity;

/// <summary>
/// A planned view as the dataset's <see cref="StreetViewRecord"/>: geo positions through the
/// city's <see cref="GeoFrame"/>, the target normal in east-north-up axes (the README's
/// "WebMercator" frame), distance, heading, pitch, roll 0, and an <c>a</c> line saying "no
/// correction": the target is exactly at the image centre by construction.
/// </summary>
internal static class ViewRecords
{
    /// <summary>
    /// The README defines distortion as the area ratio of the registered to the reference box,
    /// in [0, 1], higher better; the identity registration leaves the box unchanged, so 1.
    /// </summary>
    public const double IdentityDistortion = 1;

    public static StreetViewRecord Create(SyntheticCityPlan plan, PlannedView view)
    {
        var geo = plan.City.Geo;
        var t = view.Target.Point;
        var c = view.Pose.Position;
        var (tLat, tLon, tHeight) = geo.ToGeo(t.X, t.Y, t.Z);
        var (cLat, cLon, cHeight) = geo.ToGeo(c.X, c.Y, c.Z);
        double dx = (double)t.X - c.X, dy = (double)t.Y - c.Y, dz = (double)t.Z - c.Z;
        var n = view.Target.Normal;
        return new StreetViewRecord
        {
            DatasetId = view.Name.DatasetId,
            TargetId = view.Name.TargetId,
            PatchId = view.Name.ImageId,
            StreetViewId = view.Name.ViewId,
            TargetLat = tLat,
            TargetLon = tLon,
            TargetHeight = tHeight,
            TargetNormal = new Vec3(n.X, n.Y, n.Z),
            CameraLat = cLat,
            CameraLon = cLon,
            CameraHeight = cHeight,
            Distance = Math.Sqrt(dx * dx + dy * dy + dz * dz),
            Heading = view.Pose.Heading,
            Pitch = view.Pose.Pitch,
            Roll = 0,
            Alignment = Identity(plan.Options.ImageSize),
        };
    }

    /// <summary>Patch centre at the image centre (pixel edges at integers), identity warp and registration, the full image as box.</summary>
    public static StreetViewAlignment Identity(int size)
    {
        var box = new Quad2(new Point2(0, 0), new Point2(size, 0), new Point2(size, size), new Point2(0, size));
        return new StreetViewAlignment
        {
            CorrectedCentre = new Point2(size / 2.0, size / 2.0),
            Warp = Matrix3.Identity,
            BoundingBox = box,
            Registration = Matrix3.Identity,
            SiftFlowEnergy = 0,
            RansacInlierRatio = 1,
            Similarity = 1,
            Distortion = IdentityDistortion,
            CorrectedBoundingBox = box,
        };
    }
}

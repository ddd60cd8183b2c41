using System.Numerics;

namespace EssenceOfPose.Data.SyntheticCity;

/// <summary>One target point on a façade and the panoramas that see it, in the order they were drawn.</summary>
internal sealed record TargetPlan(int Index, int Building, Face Face, Vector3 Point, int[] Panoramas)
{
    public Vector3 Normal => Face.Normal();
}

/// <summary>
/// Chooses targets and their views the way the dataset was collected (FACTS.md, "The dataset"):
/// a point sampled on a street-facing façade, then the panoramas that see it without occlusion
/// (a ray cast from camera to target), within the distance, incidence and pitch limits; 2–7 of
/// them are kept. Each target draws from its own random stream (seed, index), so targets can be
/// planned on any thread in any order.
/// </summary>
internal static class StreetViewPlanner
{
    private const int MaxAttempts = 2000;

    public static TargetPlan Plan(CityModel city, SyntheticCityOptions o, int index)
    {
        var rng = new CityRandom(o.Seed, index, CityRandom.Salt.Target);
        var candidates = new List<int>();
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var buildingIndex = city.TargetBuildings[rng.Next(city.TargetBuildings.Length)];
            ref readonly var b = ref city.Buildings[buildingIndex];
            var face = PickFace(b.Frontage, rng);
            var length = b.WallLength(face);
            // Below the roof line (a target at the parapet makes a view of mostly sky) and within 20 m of the street.
            var top = MathF.Min(b.Height - 2.5f, 20f);
            if (length < 2f || top < 1.5f) continue;
            var u = (float)rng.Range(0.8, length - 0.8);
            var z = (float)rng.Range(1.5, top);
            var point = face switch
            {
                Face.West => new Vector3(b.X0, b.Y0 + u, z),
                Face.East => new Vector3(b.X1, b.Y0 + u, z),
                Face.South => new Vector3(b.X0 + u, b.Y0, z),
                _ => new Vector3(b.X0 + u, b.Y1, z),
            };
            Visible(city, o, point, face.Normal(), candidates);
            if (candidates.Count < o.ViewsMin) continue;
            var k = rng.Between(o.ViewsMin, Math.Min(o.ViewsMax, candidates.Count));
            var chosen = new int[k];
            for (var i = 0; i < k; i++)
            {
                var j = i + rng.Next(candidates.Count - i);
                (candidates[i], candidates[j]) = (candidates[j], candidates[i]);
                chosen[i] = candidates[i];
            }
            return new TargetPlan(index, buildingIndex, face, point, chosen);
        }
        throw new InvalidOperationException(
            $"target {index}: no façade point seen by {o.ViewsMin} panoramas in {MaxAttempts} tries; loosen the camera limits or the panorama spacing");
    }

    /// <summary>Panoramas (indices, ascending) whose camera sees <paramref name="point"/> within the option's limits.</summary>
    public static void Visible(CityModel city, SyntheticCityOptions o, Vector3 point, Vector3 normal, List<int> into)
    {
        into.Clear();
        var cosIncidence = (float)Math.Cos(o.MaxIncidenceDegrees * Math.PI / 180);
        var sinPitch = (float)Math.Sin(o.MaxPitchDegrees * Math.PI / 180);
        float dMin = (float)o.CameraDistanceMin, dMax = (float)o.CameraDistanceMax;
        var height = (float)o.CameraHeight;
        for (var i = 0; i < city.Panoramas.Length; i++)
        {
            var camera = new Vector3(city.Panoramas[i], height);
            var toCamera = camera - point;
            var distance = toCamera.Length();
            if (distance < dMin || distance > dMax) continue;
            if (Vector3.Dot(toCamera, normal) < cosIncidence * distance) continue;
            if (MathF.Abs(toCamera.Z) > sinPitch * distance) continue;
            // Stop just short of the wall that holds the target, so only other geometry occludes.
            if (city.Grid.Occluded(camera, -toCamera / distance, distance - 0.02f)) continue;
            into.Add(i);
        }
    }

    private static Face PickFace(byte frontage, CityRandom rng)
    {
        var n = BitOperations.PopCount(frontage);
        var pick = rng.Next(n);
        for (var f = 0; f < 4; f++)
        {
            if ((frontage & (1 << f)) == 0) continue;
            if (pick-- == 0) return (Face)f;
        }
        throw new ArgumentException("a building without frontage cannot hold a target", nameof(frontage));
    }
}

using System.Numerics;

namespace EssenceOfPose.Data.SyntheticCity;

/// <summary>
/// A Street View camera looking at a target: position in the local frame, heading (degrees from
/// north, clockwise) and pitch (degrees, up positive) that put the target at the image centre,
/// roll 0. The angles are computed once, in double, and both the <c>.txt</c> and the renderer use
/// them, so the file says exactly what was rendered.
/// </summary>
internal readonly record struct CameraPose(Vector3 Position, double Heading, double Pitch)
{
    public static CameraPose LookAt(Vector3 position, Vector3 target)
    {
        double dx = target.X - position.X, dy = target.Y - position.Y, dz = target.Z - position.Z;
        return new CameraPose(position, GeoFrame.Heading(dx, dy), GeoFrame.Pitch(dx, dy, dz));
    }

    /// <summary>Unit forward, right and up vectors; right is horizontal because roll is 0.</summary>
    public (Vector3 Forward, Vector3 Right, Vector3 Up) Basis()
    {
        var h = Heading * Math.PI / 180;
        var p = Pitch * Math.PI / 180;
        var forward = new Vector3((float)(Math.Sin(h) * Math.Cos(p)), (float)(Math.Cos(h) * Math.Cos(p)), (float)Math.Sin(p));
        var right = new Vector3((float)Math.Cos(h), (float)-Math.Sin(h), 0);
        return (forward, right, Vector3.Cross(right, forward));
    }
}

using System.Numerics;

namespace EssenceOfPose.Data.SyntheticCity;

internal enum WallMaterial : byte { Brick, Plaster, Concrete, GlassCurtain }

internal enum GroundFloor : byte { Doors, Shops }

/// <summary>
/// How one building's façades look: material and colours, storey and window rhythm, ground floor.
/// Lengths in metres. Window layout: columns every <see cref="WindowPitch"/> along the wall, one
/// window per storey per column, <see cref="WindowWidth"/> × <see cref="WindowHeight"/> with its
/// sill <see cref="SillHeight"/> above the storey's floor, framed by <see cref="FrameWidth"/>.
/// </summary>
internal struct FacadeStyle
{
    public WallMaterial Material;
    public GroundFloor GroundFloor;
    public Vector3 Wall;
    public Vector3 Frame;
    public Vector3 Accent;      // shop signs, lintels, spandrels, cornices
    public Vector3 GlassTint;
    public float StoreyHeight;
    public float GroundHeight;
    public float WindowPitch;
    public float WindowWidth;
    public float WindowHeight;
    public float SillHeight;
    public float FrameWidth;
    public bool Cornice;
    public uint Seed;           // per-window variation (blinds, lit rooms)
}

/// <summary>
/// An axis-aligned box building standing on the ground: footprint [X0, X1] × [Y0, Y1], height
/// <see cref="Height"/>. <see cref="Frontage"/> marks the faces that look onto a street (bit per
/// <see cref="Face"/>); only those have windows and carry targets, the others are party walls.
/// </summary>
internal struct Building
{
    public float X0, Y0, X1, Y1, Height;
    public byte Frontage;
    public int Cell;
    public FacadeStyle Style;

    public readonly bool Faces(Face face) => (Frontage & (1 << (int)face)) != 0;

    public readonly float WallLength(Face face) => face is Face.West or Face.East ? Y1 - Y0 : X1 - X0;
}

/// <summary>The faces of a box building, named by the direction their outward normal points.</summary>
internal enum Face : byte { West, East, South, North, Roof }

internal static class FaceExtensions
{
    public static Vector3 Normal(this Face face) => face switch
    {
        Face.West => new Vector3(-1, 0, 0),
        Face.East => new Vector3(1, 0, 0),
        Face.South => new Vector3(0, -1, 0),
        Face.North => new Vector3(0, 1, 0),
        _ => new Vector3(0, 0, 1),
    };
}

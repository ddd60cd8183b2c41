using System.Numerics;

namespace EssenceOfPose.Data.SyntheticCity;

/// <summary>What a surface point gives the eye: albedo (lit by sun and sky) and light it sends regardless (glass reflections, lit rooms).</summary>
internal readonly record struct SurfaceSample(Vector3 Albedo, Vector3 Emitted);

/// <summary>
/// A façade's look at a point: the material's wall with grain and stains, windows on a grid of
/// storeys and columns (frames, glass mirroring the sky, rooms dark, curtained or lit), a ground
/// floor of shopfronts under a sign band or of windows and a door, lintels on brick, joints on
/// concrete, mullions and spandrels on curtain walls, a cornice at the top. Party walls (faces
/// that look onto no street) are blank. Window edges are box-filtered over the pixel footprint
/// (<paramref name="hu"/> across, <paramref name="hv"/> up), so one sample per pixel stays smooth.
/// </summary>
internal static class FacadeShader
{
    private static readonly Vector3 RoofColour = new(0.33f, 0.32f, 0.31f);
    private static readonly Vector3 Stone = new(0.80f, 0.77f, 0.70f);
    private static readonly Vector3 Wood = new(0.32f, 0.21f, 0.14f);

    public static SurfaceSample Shade(in Building b, Face face, Vector3 p, Vector3 d, float hu, float hv, SkyLight sky)
    {
        if (face == Face.Roof) return new(RoofColour * (0.85f + 0.3f * TextureHash.Noise(p.X * 0.3f, p.Y * 0.3f, 3)), default);
        ref readonly var s = ref b.Style;
        var alongX = face is Face.South or Face.North;
        var u = alongX ? p.X - b.X0 : p.Y - b.Y0;
        var z = p.Z;
        var wall = Wall(in s, u, z, hu);
        if (!b.Faces(face)) return new(wall * 0.9f, default);

        // Window columns centred on the wall; storeys above a taller ground floor, a parapet on top.
        var length = alongX ? b.X1 - b.X0 : b.Y1 - b.Y0;
        var pitch = s.WindowPitch;
        var columns = (int)((length - 1f) / pitch);
        var margin = (length - columns * pitch) / 2;
        var column = (int)MathF.Floor((u - margin) / pitch);
        var lu = u - margin - (column + 0.5f) * pitch;
        var inColumns = TextureHash.Coverage(u, hu, margin, length - margin);
        var storeys = (int)((b.Height - s.GroundHeight - 0.3f) / s.StoreyHeight);
        var top = s.GroundHeight + storeys * s.StoreyHeight;
        var row = z < s.GroundHeight ? -1 : (int)((z - s.GroundHeight) / s.StoreyHeight);
        var lz = row < 0 ? z : z - s.GroundHeight - row * s.StoreyHeight;

        var albedo = wall;
        var emitted = Vector3.Zero;
        if (s.Cornice)
        {
            var band = TextureHash.Coverage(z, hv, b.Height - 0.7f, b.Height) + TextureHash.Coverage(z, hv, s.GroundHeight - 0.15f, s.GroundHeight + 0.1f);
            albedo = Vector3.Lerp(albedo, Vector3.Min(wall * 1.25f, Vector3.One), MathF.Min(band, 1f));
        }
        if (z >= top || columns < 1) return new(albedo, emitted);

        var n = face.Normal();
        var cosI = MathF.Abs(Vector3.Dot(d, n));
        var reflected = d - 2 * Vector3.Dot(d, n) * n;
        var fresnel = 1f - cosI;
        fresnel = 0.04f + 0.96f * fresnel * fresnel * fresnel * fresnel * fresnel;
        var room = TextureHash.Unit(column, row, s.Seed);

        if (s.Material == WallMaterial.GlassCurtain)
        {
            var spandrel = row < 0 ? 0.4f : 0.9f;
            var glass = inColumns * TextureHash.Coverage(lu, hu, -pitch / 2 + 0.05f, pitch / 2 - 0.05f)
                        * TextureHash.Coverage(lz, hv, spandrel, (row < 0 ? s.GroundHeight : s.StoreyHeight) - 0.06f);
            var k = 0.5f + 0.5f * fresnel;
            var mirror = SkyShader.Reflection(sky, reflected) * s.GlassTint * (1.6f * k);
            return new(albedo * (1 - glass), mirror * glass + Interior(room) * ((1 - k) * glass));
        }

        if (row < 0)
        {
            if (s.GroundFloor == GroundFloor.Shops) return Shopfront(in s, u, lu, lz, hu, hv, inColumns, albedo, reflected, fresnel, room, sky);
            if (lz < 0.5f) albedo *= 0.78f; // plinth
            if (column == columns / 2)
            {
                var door = inColumns * TextureHash.Coverage(lu, hu, -0.6f, 0.6f) * TextureHash.Coverage(lz, hv, -1f, 2.3f);
                var doorFrame = inColumns * TextureHash.Coverage(lu, hu, -0.72f, 0.72f) * TextureHash.Coverage(lz, hv, -1f, 2.42f);
                return new(Vector3.Lerp(Vector3.Lerp(albedo, s.Frame, doorFrame), Wood * (0.8f + 0.4f * room), door), emitted);
            }
        }

        // An ordinary window: frame, then glass; brick gets a stone lintel, concrete panel joints.
        var w2 = s.WindowWidth / 2;
        var sill = row < 0 ? MathF.Max(1f, s.SillHeight) : s.SillHeight;
        var head = MathF.Min(sill + s.WindowHeight, (row < 0 ? s.GroundHeight : s.StoreyHeight) - 0.35f);
        var fw = s.FrameWidth;
        var frame = inColumns * TextureHash.Coverage(lu, hu, -w2 - fw, w2 + fw) * TextureHash.Coverage(lz, hv, sill - fw, head + fw);
        var pane = inColumns * TextureHash.Coverage(lu, hu, -w2, w2) * TextureHash.Coverage(lz, hv, sill, head);
        if (s.Material == WallMaterial.Brick)
        {
            var lintel = inColumns * TextureHash.Coverage(lu, hu, -w2 - 0.15f, w2 + 0.15f) * TextureHash.Coverage(lz, hv, head + fw, head + fw + 0.2f);
            albedo = Vector3.Lerp(albedo, Stone, lintel);
        }
        else if (s.Material == WallMaterial.Concrete)
        {
            var joint = 1f - TextureHash.Coverage(MathF.Abs(lu), hu, pitch / 2 - 0.03f, pitch / 2 + 0.03f)
                           - TextureHash.Coverage(lz, hv, -0.03f, 0.03f);
            albedo *= 0.75f + 0.25f * Math.Clamp(joint, 0f, 1f);
        }
        albedo = Vector3.Lerp(albedo, s.Frame, frame - pane);
        var glassK = 0.3f + 0.7f * fresnel;
        var mirrorW = SkyShader.Reflection(sky, reflected) * (0.85f * glassK);
        var (roomAlbedo, roomLight) = room < 0.3f ? (new Vector3(0.76f, 0.72f, 0.64f), Vector3.Zero) : (Vector3.Zero, Interior(room));
        albedo = Vector3.Lerp(albedo, roomAlbedo * (1 - glassK), pane);
        emitted += (mirrorW + roomLight * (1 - glassK)) * pane;
        return new(albedo, emitted);
    }

    private static SurfaceSample Shopfront(in FacadeStyle s, float u, float lu, float lz, float hu, float hv, float inColumns,
        Vector3 wall, Vector3 reflected, float fresnel, float room, SkyLight sky)
    {
        var g = s.GroundHeight;
        var sign = TextureHash.Coverage(lz, hv, g - 1.0f, g - 0.3f) * inColumns;
        var pitch = s.WindowPitch;
        var pane = inColumns * TextureHash.Coverage(lu, hu, -pitch / 2 + 0.18f, pitch / 2 - 0.18f) * TextureHash.Coverage(lz, hv, 0.45f, g - 1.2f);
        var frame = inColumns * TextureHash.Coverage(lz, hv, 0.3f, g - 1.05f);
        var albedo = Vector3.Lerp(wall * 0.85f, s.Frame * 0.6f, frame);
        albedo = Vector3.Lerp(albedo, s.Accent * (0.9f + 0.2f * TextureHash.Noise(u * 0.7f, 0, s.Seed)), sign);
        var k = 0.3f + 0.7f * fresnel;
        var shopLight = new Vector3(0.55f, 0.50f, 0.42f) * (0.4f + 0.6f * room);
        albedo = Vector3.Lerp(albedo, Vector3.Zero, pane);
        return new(albedo, (SkyShader.Reflection(sky, reflected) * (0.85f * k) + shopLight * (1 - k)) * pane);
    }

    /// <summary>Light from inside a window: most rooms dark, a few lit warm.</summary>
    private static Vector3 Interior(float room) =>
        room > 0.9f ? new Vector3(0.62f, 0.52f, 0.36f) : new Vector3(0.05f, 0.055f, 0.06f) * (1f + room);

    /// <summary>The bare wall: stains at metre scale, brick courses fading out once a pixel covers several bricks.</summary>
    private static Vector3 Wall(in FacadeStyle s, float u, float z, float hu)
    {
        var stain = 0.9f + 0.2f * TextureHash.Noise(u * 0.45f, z * 0.45f, s.Seed);
        var c = s.Wall * stain;
        switch (s.Material)
        {
            case WallMaterial.Brick:
            {
                var detail = Math.Clamp(1f - hu / 0.12f, 0f, 1f);
                if (detail <= 0) return c;
                var course = (int)MathF.Floor(z / 0.075f);
                var brick = (int)MathF.Floor((u + (course & 1) * 0.11f) / 0.225f);
                return c * (1f + (TextureHash.Unit(brick, course, s.Seed) - 0.5f) * 0.22f * detail);
            }
            case WallMaterial.Plaster:
            case WallMaterial.Concrete:
                return c * (1f + (TextureHash.Noise(u * 6f, z * 6f, s.Seed ^ 0x55u) - 0.5f) * 0.06f);
            default:
                return c;
        }
    }
}

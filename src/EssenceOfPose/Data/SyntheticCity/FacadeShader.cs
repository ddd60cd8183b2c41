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
        var room = TextureHash.Unit(column, row, s.Seed);
        if (s.Material == WallMaterial.GlassCurtain) return CurtainWall(in s, lu, lz, row, hu, hv, inColumns, albedo, d, n, room, sky);

        if (row < 0)
        {
            if (s.GroundFloor == GroundFloor.Shops) return Shopfront(in s, u, lu, lz, hu, hv, inColumns, albedo, d, n, room, sky);
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
        if (s.Material == WallMaterial.Concrete)
        {
            var joint = 1f - TextureHash.Coverage(MathF.Abs(lu), hu, pitch / 2 - 0.03f, pitch / 2 + 0.03f)
                           - TextureHash.Coverage(lz, hv, -0.03f, 0.03f);
            albedo *= 0.75f + 0.25f * Math.Clamp(joint, 0f, 1f);
        }
        // Most of a wall is bare: leave before the window's dozen filtered edges unless the pixel reaches its surround.
        if (MathF.Abs(lu) > w2 + 0.15f + hu || lz < sill - fw - 0.09f - hv || lz > head + fw + 0.2f + hv) return new(albedo, emitted);
        var frame = inColumns * TextureHash.Coverage(lu, hu, -w2 - fw, w2 + fw) * TextureHash.Coverage(lz, hv, sill - fw, head + fw);
        var pane = inColumns * TextureHash.Coverage(lu, hu, -w2, w2) * TextureHash.Coverage(lz, hv, sill, head);
        if (s.Material == WallMaterial.Brick)
        {
            var lintel = inColumns * TextureHash.Coverage(lu, hu, -w2 - 0.15f, w2 + 0.15f) * TextureHash.Coverage(lz, hv, head + fw, head + fw + 0.2f);
            albedo = Vector3.Lerp(albedo, Stone, lintel);
        }
        if (s.Material != WallMaterial.Concrete)
        {
            var ledge = inColumns * TextureHash.Coverage(lu, hu, -w2 - 0.12f, w2 + 0.12f) * TextureHash.Coverage(lz, hv, sill - fw - 0.09f, sill - fw);
            albedo = Vector3.Lerp(albedo, Stone * 0.95f, ledge);
        }
        albedo = Vector3.Lerp(albedo, s.Frame, frame - pane);
        if (pane <= 0) return new(albedo, emitted);

        // Casements: a bar down the middle of wide windows and a transom near the top.
        var transom = sill + (head - sill) * 0.72f;
        var bars = TextureHash.Coverage(lz, hv, transom - 0.035f, transom + 0.035f);
        if (s.WindowWidth > 0.9f) bars += TextureHash.Coverage(lu, hu, -0.035f, 0.035f);
        var glass = pane * (1f - MathF.Min(bars, 1f));
        albedo = Vector3.Lerp(albedo, s.Frame, pane - glass);

        // Blinds drawn down from the head in some windows; the rest shows a dark room, a few lit.
        var blindDraw = TextureHash.Unit(column, row, s.Seed ^ 0xB11D5u);
        var blindBottom = blindDraw < 0.4f ? head - (head - sill) * (0.15f + 2f * blindDraw) : head;
        var blind = TextureHash.Coverage(lz, hv, blindBottom, head + 1f);
        var reflection = Mirror(sky, d, n, out var fresnel);
        var glassK = 0.3f + 0.7f * fresnel;
        var mirror = reflection * (0.85f * glassK * (0.8f + 0.4f * room));
        var blindAlbedo = new Vector3(0.80f, 0.76f, 0.68f) * (0.85f + 0.3f * blindDraw) * (1 - glassK);
        albedo = Vector3.Lerp(albedo, blindAlbedo, glass * blind);
        albedo = Vector3.Lerp(albedo, Vector3.Zero, glass * (1 - blind));
        emitted += (mirror + Interior(room) * ((1 - glassK) * (1 - blind))) * glass;
        return new(albedo, emitted);
    }

    /// <summary>Glass panels between mullions, an opaque spandrel band at each floor slab; panels differ slightly.</summary>
    private static SurfaceSample CurtainWall(in FacadeStyle s, float lu, float lz, int row, float hu, float hv, float inColumns,
        Vector3 frame, Vector3 d, Vector3 n, float room, SkyLight sky)
    {
        var pitch = s.WindowPitch;
        var spandrel = row < 0 ? 0.4f : 0.9f;
        var glass = inColumns * TextureHash.Coverage(lu, hu, -pitch / 2 + 0.05f, pitch / 2 - 0.05f)
                    * TextureHash.Coverage(lz, hv, spandrel, (row < 0 ? s.GroundHeight : s.StoreyHeight) - 0.06f);
        if (glass <= 0) return new(frame, default);
        var reflection = Mirror(sky, d, n, out var fresnel);
        var k = 0.5f + 0.5f * fresnel;
        var mirror = reflection * s.GlassTint * (1.6f * k * (0.9f + 0.2f * room));
        return new(frame * (1 - glass), mirror * glass + Interior(room) * ((1 - k) * glass));
    }

    private static SurfaceSample Shopfront(in FacadeStyle s, float u, float lu, float lz, float hu, float hv, float inColumns,
        Vector3 wall, Vector3 d, Vector3 n, float room, SkyLight sky)
    {
        var g = s.GroundHeight;
        var sign = TextureHash.Coverage(lz, hv, g - 1.0f, g - 0.3f) * inColumns;
        var pitch = s.WindowPitch;
        var pane = inColumns * TextureHash.Coverage(lu, hu, -pitch / 2 + 0.18f, pitch / 2 - 0.18f) * TextureHash.Coverage(lz, hv, 0.45f, g - 1.2f);
        var frame = inColumns * TextureHash.Coverage(lz, hv, 0.3f, g - 1.05f);
        var albedo = Vector3.Lerp(wall * 0.85f, s.Frame * 0.6f, frame);
        albedo = Vector3.Lerp(albedo, s.Accent * (0.9f + 0.2f * TextureHash.Noise(u * 0.7f, 0, s.Seed)), sign);
        if (pane <= 0) return new(albedo, default);
        var reflection = Mirror(sky, d, n, out var fresnel);
        var k = 0.3f + 0.7f * fresnel;
        // Shop interiors: goods and lamps behind the glass, from dim to bright.
        var shopLight = new Vector3(0.46f, 0.41f, 0.33f) * (0.25f + 0.75f * TextureHash.Noise(u * 1.3f, lz * 1.3f, s.Seed ^ 0x5A0Bu)) * (0.5f + 0.5f * room);
        albedo = Vector3.Lerp(albedo, Vector3.Zero, pane);
        return new(albedo, (reflection * (0.85f * k) + shopLight * (1 - k)) * pane);
    }

    /// <summary>What glass mirrors along the reflected ray, and Schlick's Fresnel factor (glass, F0 = 0.04) for the view angle.</summary>
    private static Vector3 Mirror(SkyLight sky, Vector3 d, Vector3 n, out float fresnel)
    {
        var cos = Vector3.Dot(d, n);
        var f = 1f - MathF.Abs(cos);
        fresnel = 0.04f + 0.96f * f * f * f * f * f;
        return SkyShader.Reflection(sky, d - 2 * cos * n);
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
                return c * (1f + (TextureHash.Unit((int)MathF.Floor(u * 6f), (int)MathF.Floor(z * 6f), s.Seed ^ 0x55u) - 0.5f) * 0.05f * Math.Clamp(1f - hu / 0.2f, 0f, 1f));
            default:
                return c;
        }
    }
}

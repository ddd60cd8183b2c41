using System.Numerics;

namespace EssenceOfPose.Data.SyntheticCity;

/// <summary>
/// The ground's albedo at a point: asphalt carriageways with dashed centre lines (double solid on
/// avenues) and zebra crossings at each end of every block, paved sidewalks with kerbs, courtyards,
/// parks, and fields beyond the city. Markings are box-filtered over the pixel footprint.
/// </summary>
internal static class GroundShader
{
    private static readonly Vector3 Asphalt = new(0.29f, 0.29f, 0.30f);
    private static readonly Vector3 Paint = new(0.86f, 0.86f, 0.84f);
    private static readonly Vector3 Yellow = new(0.86f, 0.74f, 0.30f);
    private static readonly Vector3 Paving = new(0.60f, 0.59f, 0.56f);
    private static readonly Vector3 Kerb = new(0.72f, 0.71f, 0.68f);
    private static readonly Vector3 Grass = new(0.30f, 0.43f, 0.21f);
    private static readonly Vector3 Yard = new(0.48f, 0.47f, 0.44f);
    private static readonly Vector3 Field = new(0.40f, 0.44f, 0.30f);

    /// <param name="h">Half the pixel footprint on the ground, metres.</param>
    public static Vector3 Albedo(CityLayout l, float x, float y, float h)
    {
        var ix = l.CellColumn(x);
        var iy = l.CellRow(y);
        if (ix < 0 || iy < 0) return Field * (0.85f + 0.3f * TextureHash.Noise(x * 0.05f, y * 0.05f, 11));
        var inX = x >= l.BlockX0[ix] && x <= l.BlockX1[ix];
        var inY = y >= l.BlockY0[iy] && y <= l.BlockY1[iy];
        if (inX && inY) return Block(l, ix, iy, x, y, h);
        var grain = 0.9f + 0.2f * TextureHash.Noise(x * 0.35f, y * 0.35f, 5);
        if (!inX && !inY) return Asphalt * grain;
        if (!inX)
        {
            var (a0, a1) = l.GapX(ix, x);
            return Street(x - (a0 + a1) / 2, a1 - a0, y - l.BlockY0[iy], l.BlockY1[iy] - y, h) * grain;
        }
        var (b0, b1) = l.GapY(iy, y);
        return Street(y - (b0 + b1) / 2, b1 - b0, x - l.BlockX0[ix], l.BlockX1[ix] - x, h) * grain;
    }

    /// <param name="across">Distance from the street's centre line.</param>
    /// <param name="fromStart">Along the street, from the intersection behind.</param>
    /// <param name="toEnd">Along the street, to the intersection ahead.</param>
    private static Vector3 Street(float across, float width, float fromStart, float toEnd, float h)
    {
        var near = MathF.Min(fromStart, toEnd);
        var half = width / 2;
        // Zebra crossing: stripes parallel to the street, 0.5 m painted every metre, 1–4 m from the corner.
        var zebra = TextureHash.Coverage(near, h, 1f, 4f) * TextureHash.Coverage(across, h, -half + 0.6f, half - 0.6f);
        if (zebra > 0)
        {
            var phase = across - MathF.Floor(across);
            zebra *= TextureHash.Coverage(phase, h, 0.25f, 0.75f);
        }
        float line;
        Vector3 lineColour;
        if (width > 18f)
        {
            line = TextureHash.Coverage(across, h, -0.22f, -0.1f) + TextureHash.Coverage(across, h, 0.1f, 0.22f);
            lineColour = Yellow;
        }
        else
        {
            var dash = fromStart / 9f;
            line = TextureHash.Coverage(across, h, -0.07f, 0.07f) * TextureHash.Coverage((dash - MathF.Floor(dash)) * 9f, h, 0f, 3.5f);
            lineColour = Paint;
        }
        line *= TextureHash.Coverage(near, h, 5f, 1e6f); // no centre line through the crossing
        // Stop line 0.5 m before each crossing.
        var stop = TextureHash.Coverage(near, h, 4.4f, 4.8f) * TextureHash.Coverage(across, h, -half + 0.6f, half - 0.6f);
        var c = Vector3.Lerp(Asphalt, Paint, MathF.Min(1f, zebra + stop));
        return Vector3.Lerp(c, lineColour, line);
    }

    private static Vector3 Block(CityLayout l, int ix, int iy, float x, float y, float h)
    {
        var edge = MathF.Min(MathF.Min(x - l.BlockX0[ix], l.BlockX1[ix] - x), MathF.Min(y - l.BlockY0[iy], l.BlockY1[iy] - y));
        if (edge < l.Sidewalk)
        {
            var kerb = TextureHash.Coverage(edge, h, 0f, 0.25f);
            var jx = x * 1.6f - MathF.Floor(x * 1.6f);
            var jy = y * 1.6f - MathF.Floor(y * 1.6f);
            var joints = 1f - 0.18f * (1f - TextureHash.Coverage(jx, h * 1.6f, 0.04f, 1f) * TextureHash.Coverage(jy, h * 1.6f, 0.04f, 1f));
            return Vector3.Lerp(Paving * joints, Kerb, kerb) * (0.92f + 0.16f * TextureHash.Noise(x * 0.5f, y * 0.5f, 7));
        }
        var noise = 0.85f + 0.3f * TextureHash.Noise(x * 0.3f, y * 0.3f, 9);
        return (l.Kind(ix, iy) == BlockKind.Park ? Grass : Yard) * noise;
    }
}

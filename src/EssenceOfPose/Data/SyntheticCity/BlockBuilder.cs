namespace EssenceOfPose.Data.SyntheticCity;

/// <summary>
/// Fills one city block with box buildings. An ordinary block gets a perimeter of lots (rows along
/// its north and south edges spanning its width, columns along its west and east edges between
/// them) around an open courtyard; a narrow block is cut into lots spanning its depth; a tower
/// block holds one or two tall set-back towers; a park holds nothing. Lots differ in width,
/// setback, depth, height and style; each building's frontage faces the streets it touches.
/// </summary>
internal static class BlockBuilder
{
    private const float MinLot = 7f, MaxLot = 22f;

    public static void Fill(List<Building> into, CityLayout layout, int ix, int iy, CityRandom rng, double downtown, CityLook look)
    {
        var cell = iy * layout.Nx + ix;
        var sw = layout.Sidewalk;
        float x0 = layout.BlockX0[ix] + sw, x1 = layout.BlockX1[ix] - sw;
        float y0 = layout.BlockY0[iy] + sw, y1 = layout.BlockY1[iy] - sw;
        switch (layout.Kind(ix, iy))
        {
            case BlockKind.Park:
                return;
            case BlockKind.Towers:
                Towers(into, cell, x0, y0, x1, y1, rng, downtown, look);
                return;
        }
        var depth = (float)rng.Range(10, 16);
        if (x1 - x0 < 2 * depth + 6 || y1 - y0 < 2 * depth + 6)
        {
            Slab(into, cell, x0, y0, x1, y1, rng, downtown, look);
            return;
        }
        // North and south rows span the block; their end lots are corners with two frontages.
        Row(into, cell, x0, x1, rng, downtown, look, (a, b, first, last) =>
            Lot(y1 - depth, y1, a, b, Face.North, first ? Face.West : null, last ? Face.East : null, alongX: true));
        Row(into, cell, x0, x1, rng, downtown, look, (a, b, first, last) =>
            Lot(y0, y0 + depth, a, b, Face.South, first ? Face.West : null, last ? Face.East : null, alongX: true));
        Row(into, cell, y0 + depth, y1 - depth, rng, downtown, look, (a, b, _, _) =>
            Lot(x0, x0 + depth, a, b, Face.West, null, null, alongX: false));
        Row(into, cell, y0 + depth, y1 - depth, rng, downtown, look, (a, b, _, _) =>
            Lot(x1 - depth, x1, a, b, Face.East, null, null, alongX: false));
    }

    /// <summary>A lot: <paramref name="a"/>–<paramref name="b"/> along the street, <paramref name="d0"/>–<paramref name="d1"/> across it.</summary>
    private static LotShape Lot(float d0, float d1, float a, float b, Face front, Face? sideA, Face? sideB, bool alongX) =>
        new(d0, d1, a, b, front, sideA, sideB, alongX);

    private readonly record struct LotShape(float D0, float D1, float A, float B, Face Front, Face? SideA, Face? SideB, bool AlongX);

    private static void Row(List<Building> into, int cell, float from, float to, CityRandom rng, double downtown, CityLook look,
        Func<float, float, bool, bool, LotShape> shape)
    {
        var cuts = Split(from, to, rng);
        for (var k = 0; k + 1 < cuts.Count; k++)
        {
            var lot = shape(cuts[k], cuts[k + 1], k == 0, k + 2 == cuts.Count);
            into.Add(Place(lot, cell, rng, downtown, look));
        }
    }

    private static Building Place(LotShape lot, int cell, CityRandom rng, double downtown, CityLook look)
    {
        // Setback from the front street, and some buildings shallower than their lot at the back.
        var setback = rng.Chance(0.7) ? 0f : (float)rng.Range(0.5, 2.5);
        var shallow = (float)rng.Range(0, 3);
        float d0 = lot.D0, d1 = lot.D1;
        if (lot.Front is Face.North or Face.East) { d1 -= setback; d0 += shallow; }
        else { d0 += setback; d1 -= shallow; }
        var frontage = (byte)(1 << (int)lot.Front);
        if (lot.SideA is { } sa) frontage |= (byte)(1 << (int)sa);
        if (lot.SideB is { } sb) frontage |= (byte)(1 << (int)sb);
        var b = lot.AlongX
            ? new Building { X0 = lot.A, X1 = lot.B, Y0 = d0, Y1 = d1 }
            : new Building { X0 = d0, X1 = d1, Y0 = lot.A, Y1 = lot.B };
        return Finish(b, frontage, cell, rng, tower: false, downtown, look);
    }

    private static void Slab(List<Building> into, int cell, float x0, float y0, float x1, float y1, CityRandom rng, double downtown, CityLook look)
    {
        var alongX = x1 - x0 >= y1 - y0;
        var cuts = alongX ? Split(x0, x1, rng) : Split(y0, y1, rng);
        for (var k = 0; k + 1 < cuts.Count; k++)
        {
            var b = alongX
                ? new Building { X0 = cuts[k], X1 = cuts[k + 1], Y0 = y0, Y1 = y1 }
                : new Building { X0 = x0, X1 = x1, Y0 = cuts[k], Y1 = cuts[k + 1] };
            var frontage = alongX ? (1 << (int)Face.South) | (1 << (int)Face.North) : (1 << (int)Face.West) | (1 << (int)Face.East);
            if (k == 0) frontage |= 1 << (int)(alongX ? Face.West : Face.South);
            if (k + 2 == cuts.Count) frontage |= 1 << (int)(alongX ? Face.East : Face.North);
            into.Add(Finish(b, (byte)frontage, cell, rng, tower: false, downtown, look));
        }
    }

    private static void Towers(List<Building> into, int cell, float x0, float y0, float x1, float y1, CityRandom rng, double downtown, CityLook look)
    {
        var inset = (float)rng.Range(2, 7);
        x0 += inset; x1 -= inset; y0 += inset; y1 -= inset;
        if (rng.Chance(0.5))
        {
            into.Add(Finish(new Building { X0 = x0, X1 = x1, Y0 = y0, Y1 = y1 }, 0b1111, cell, rng, tower: true, downtown, look));
            return;
        }
        var gap = (float)rng.Range(6, 12);
        if (x1 - x0 >= y1 - y0)
        {
            var mid = (x0 + x1) / 2;
            into.Add(Finish(new Building { X0 = x0, X1 = mid - gap / 2, Y0 = y0, Y1 = y1 }, 0b1111, cell, rng, tower: true, downtown, look));
            into.Add(Finish(new Building { X0 = mid + gap / 2, X1 = x1, Y0 = y0, Y1 = y1 }, 0b1111, cell, rng, tower: true, downtown, look));
        }
        else
        {
            var mid = (y0 + y1) / 2;
            into.Add(Finish(new Building { X0 = x0, X1 = x1, Y0 = y0, Y1 = mid - gap / 2 }, 0b1111, cell, rng, tower: true, downtown, look));
            into.Add(Finish(new Building { X0 = x0, X1 = x1, Y0 = mid + gap / 2, Y1 = y1 }, 0b1111, cell, rng, tower: true, downtown, look));
        }
    }

    private static Building Finish(Building b, byte frontage, int cell, CityRandom rng, bool tower, double downtown, CityLook look)
    {
        var style = FacadeStyles.Sample(rng, tower, downtown, look);
        var storeys = tower
            ? rng.Between(10, 16 + (int)(10 * downtown))
            : rng.Between(2, 4 + (int)(4 * downtown));
        b.Height = style.GroundHeight + storeys * style.StoreyHeight + (float)rng.Range(0.3, 1.2);
        b.Frontage = frontage;
        b.Cell = cell;
        b.Style = style;
        return b;
    }

    /// <summary>Cut points from <paramref name="from"/> to <paramref name="to"/>, pieces of <see cref="MinLot"/>–<see cref="MaxLot"/> metres.</summary>
    private static List<float> Split(float from, float to, CityRandom rng)
    {
        var cuts = new List<float> { from };
        var at = from;
        while (to - at > MaxLot)
        {
            var w = (float)rng.Range(MinLot, MaxLot);
            if (to - at - w < MinLot) w = (to - at) / 2;
            at += w;
            cuts.Add(at);
        }
        cuts.Add(to);
        return cuts;
    }
}

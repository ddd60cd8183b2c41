namespace EssenceOfPose.Caffe;

/// <summary>
/// Builds a <see cref="CaffeNet"/> from a parsed prototxt (<c>NetParameter</c> in text form): the input
/// header in its three spellings, <c>layer { }</c> blocks and legacy V1 <c>layers { }</c> blocks with enum types.
/// </summary>
static class CaffeNetReader
{
    static readonly (string, int, CaffePhase)[] Phases = [("TRAIN", 0, CaffePhase.Train), ("TEST", 1, CaffePhase.Test)];

    public static CaffeNet Read(TextMessage root, string file)
    {
        var net = new TextFieldReader(root, "net");
        if (net.Has("layer") && net.Has("layers"))
            throw net.Fail(net.Message.All("layers").First().Location,
                "the file mixes 'layer' blocks and legacy V1 'layers' blocks; Caffe accepts one kind per net");

        var inputs = HeaderInputs(net).ToList();
        var layers = new List<CaffeLayer>();
        foreach (var block in net.Children("layer"))
        {
            // Input layers only declare inputs: fold them into the input list, not the layers.
            if (block.String("type") == "Input")
                inputs.AddRange(InputLayer(block));
            else
                layers.Add(ReadLayer(block));
        }
        layers.AddRange(net.Children("layers").Select(ReadV1Layer));

        var duplicate = inputs.GroupBy(i => i.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new CaffeFormatException($"{file}: input '{duplicate.Key}' is declared {duplicate.Count()} times");
        return new CaffeNet(net.String("name") ?? "", inputs, layers, file);
    }

    static IEnumerable<CaffeInput> HeaderInputs(TextFieldReader net)
    {
        var names = net.Strings("input");
        var dims = net.Int32s("input_dim", 0);
        var shapes = net.Children("input_shape").Select(Dims).ToList();
        var at = net.Message.Fields.FirstOrDefault(f => f.Name is "input_dim" or "input_shape")?.Location;
        if (at is { } where)
        {
            if (dims.Count > 0 && shapes.Count > 0)
                throw net.Fail(where, "give input shapes either as input_dim or as input_shape, not both");
            if (dims.Count > 0 && dims.Count != 4 * names.Count)
                throw net.Fail(where, $"{dims.Count} input_dim values for {names.Count} inputs; expected 4 per input (num, channels, height, width)");
            if (shapes.Count > 0 && shapes.Count != names.Count)
                throw net.Fail(where, $"{shapes.Count} input_shape blocks for {names.Count} inputs; expected one per input");
        }
        for (var i = 0; i < names.Count; i++)
        {
            var shape = dims.Count > 0 ? dims.Skip(4 * i).Take(4).ToArray() : shapes.Count > 0 ? shapes[i] : null;
            yield return new CaffeInput(names[i], shape);
        }
    }

    static int[] Dims(TextFieldReader shape) => shape.Int32s("dim", 0).ToArray();

    static TextFieldReader Named(TextFieldReader block, string kind)
    {
        var name = block.String("name") ?? throw block.Fail(block.Message.Location, "the layer has no name");
        return new TextFieldReader(block.Message, $"{kind} '{name}'");
    }

    static CaffeLayer ReadLayer(TextFieldReader block)
    {
        var at = block.Message.Location;
        var l = Named(block, "layer");
        var name = l.String("name")!;
        var type = l.String("type") ?? throw l.Fail(at, "the layer has no type");
        var bottoms = l.Strings("bottom");
        var tops = l.Strings("top");
        var specs = l.Children("param")
            .Select(p => new CaffeParamSpec(p.String("name"), p.Double("lr_mult") ?? 1, p.Double("decay_mult") ?? 1))
            .ToList();
        var (include, exclude) = Rules(l, at);
        var parameters = CaffeLayerTypes.RoleOf(type) == CaffeLayerRole.Compute ? CaffeLayerParameterReader.Read(type, l, at) : null;
        return new CaffeLayer(name, type, bottoms, tops, specs, parameters, include, exclude, at);
    }

    static IReadOnlyList<CaffeInput> InputLayer(TextFieldReader block)
    {
        var at = block.Message.Location;
        var l = Named(block, "layer");
        var tops = l.Strings("top");
        var shapes = l.Child("input_param")?.Children("shape").Select(Dims).ToList() ?? [];
        if (shapes.Count > 1 && shapes.Count != tops.Count)
            throw l.Fail(at, $"{shapes.Count} shapes for {tops.Count} tops; give one shape for all tops or one per top");
        return tops.Select((t, i) => new CaffeInput(t, shapes.Count == 0 ? null : shapes[shapes.Count == 1 ? 0 : i])).ToList();
    }

    static CaffeLayer ReadV1Layer(TextFieldReader block)
    {
        var at = block.Message.Location;
        var l = Named(block, "layers");
        var name = l.String("name")!;
        if (l.Has("layer"))
            throw l.Fail(at, "V0 layer definitions (layers { layer { ... } }) are not supported; upgrade the file with Caffe's upgrade_net_proto_text");
        var typeField = l.Single("type") ?? throw l.Fail(at, "the layer has no type");
        var type = V1Type(l, typeField);

        var names = l.Strings("param");
        var lr = l.Doubles("blobs_lr");
        var decay = l.Doubles("weight_decay");
        var count = Math.Max(names.Count, Math.Max(lr.Count, decay.Count));
        var specs = Enumerable.Range(0, count)
            .Select(i => new CaffeParamSpec(i < names.Count ? names[i] : null, i < lr.Count ? lr[i] : 1, i < decay.Count ? decay[i] : 1))
            .ToList();
        var (include, exclude) = Rules(l, at);
        var parameters = CaffeLayerTypes.RoleOf(type) == CaffeLayerRole.Compute ? CaffeLayerParameterReader.Read(type, l, at) : null;
        return new CaffeLayer(name, type, l.Strings("bottom"), l.Strings("top"), specs, parameters, include, exclude, at);
    }

    static string V1Type(TextFieldReader l, TextField field)
    {
        if (field.Value is TextScalar { Kind: TextScalarKind.Identifier } word)
            return CaffeLayerTypes.FromV1Name(word.Text)
                ?? throw l.Fail(word.Location, $"unknown V1 layer type '{word.Text}' (V1 types are enum names such as CONVOLUTION, POOLING, INNER_PRODUCT)");
        if (field.Value is TextScalar { Kind: TextScalarKind.Number } number && long.TryParse(number.Text, out var n))
            return CaffeLayerTypes.FromV1Number(n) ?? throw l.Fail(number.Location, $"unknown V1 layer type number {n}");
        throw l.Fail(field.Location, $"'type' in a V1 'layers' block is an enum name such as CONVOLUTION, found {field.Value}");
    }

    static (IReadOnlyList<CaffeNetStateRule>, IReadOnlyList<CaffeNetStateRule>) Rules(TextFieldReader l, TextLocation at)
    {
        var include = l.Children("include").Select(Rule).ToList();
        var exclude = l.Children("exclude").Select(Rule).ToList();
        if (include.Count > 0 && exclude.Count > 0)
            throw l.Fail(at, "a layer may give include rules or exclude rules, not both");
        return (include, exclude);
    }

    static CaffeNetStateRule Rule(TextFieldReader r) => new(
        r.Enum("phase", Phases), r.Int32("min_level"), r.Int32("max_level"), r.Strings("stage"), r.Strings("not_stage"));
}

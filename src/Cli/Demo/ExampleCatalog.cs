using System.Globalization;
using System.Text.RegularExpressions;

namespace EdgeWasm.Cli.Demo;

/// <summary>
/// The examples under examples/ (a folder NAME holding NAME.c and pod.yaml), each placed on a demo device, and their
/// manifests rewritten for the demo: the image's registry becomes the demo's, spec.nodeName names the device (static
/// pods and a cluster without a scheduler for these nodes both need it), and a containerPort becomes a free port so the
/// demo never collides with a service already on this machine.
/// </summary>
internal static partial class ExampleCatalog
{
    /// <summary>The registry the manifests in the repository name.</summary>
    public const string PlaceholderRegistry = "localhost:5000";

    // Which device shows each example best: the small ones on the Pi Zero, the job on the Pi 4, the server on the
    // gateway. An example not listed goes to the devices in turn.
    private static readonly Dictionary<string, string> Placement = new(StringComparer.Ordinal)
    {
        ["sensor-average"] = "pi-zero",
        ["spinner"] = "pi-zero",
        ["prime-job"] = "pi-4",
        ["crasher"] = "pi-4",
        ["http-hello"] = "gateway",
        ["memory-hog"] = "gateway",
    };

    /// <summary>Reads every example under <paramref name="examplesDirectory"/>, sorted by name; a broken one is an error naming its file.</summary>
    public static IReadOnlyList<ExamplePod> Load(string examplesDirectory, IReadOnlyList<DemoDevice> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        if (!Directory.Exists(examplesDirectory)) throw new DirectoryNotFoundException($"no examples folder at {examplesDirectory}");
        var pods = new List<ExamplePod>();
        var next = 0;
        foreach (var folder in Directory.GetDirectories(examplesDirectory).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(folder);
            var manifestPath = Path.Combine(folder, "pod.yaml");
            if (!File.Exists(manifestPath) || !File.Exists(Path.Combine(folder, name + ".c"))) continue;
            var manifest = File.ReadAllText(manifestPath);
            var expect = ExpectPattern().Match(manifest);
            if (!expect.Success) throw new FormatException($"{manifestPath}: no {Expectation.Annotation} annotation");
            if (!NamePattern().Match(manifest).Groups[1].Value.Equals(name, StringComparison.Ordinal))
            {
                throw new FormatException($"{manifestPath}: metadata.name must be the folder's name, {name}");
            }

            var image = ImagePattern().Match(manifest);
            if (!image.Success) throw new FormatException($"{manifestPath}: the image must be {PlaceholderRegistry}/REPOSITORY:TAG");

            var device = Placement.TryGetValue(name, out var id) && devices.FirstOrDefault(d => d.Id == id) is { } placed
                ? placed
                : devices[next++ % devices.Count];
            pods.Add(new ExamplePod(name, manifestPath, manifest, image.Groups[1].Value, image.Groups[2].Value, Expectation.Parse(expect.Groups[1].Value), device));
        }

        return pods.Count == 0 ? throw new FileNotFoundException($"no examples (NAME/NAME.c with NAME/pod.yaml) under {examplesDirectory}") : pods;
    }

    /// <summary>The example's manifest for the demo: image from <paramref name="registry"/>, on its device, ports replaced by <paramref name="portFor"/>.</summary>
    public static string Rewrite(ExamplePod pod, string registry, Func<int, int> portFor)
    {
        ArgumentNullException.ThrowIfNull(pod);
        var text = pod.Manifest.Replace("image: " + PlaceholderRegistry + "/", "image: " + registry + "/", StringComparison.Ordinal);
        text = SpecPattern().Replace(text, "spec:\n  nodeName: " + pod.Device.Id, 1);
        return PortPattern().Replace(text, m =>
            m.Groups[1].Value + portFor(int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture)).ToString(CultureInfo.InvariantCulture));
    }

    [GeneratedRegex("demo\\.edgewasm\\.io/expect:\\s*\"([^\"]*)\"")]
    private static partial Regex ExpectPattern();

    [GeneratedRegex("^metadata:\\s*\\n(?:[ \\t].*\\n)*?[ \\t]+name:\\s*(\\S+)", RegexOptions.Multiline)]
    private static partial Regex NamePattern();

    [GeneratedRegex("image:\\s*localhost:5000/([a-z0-9._/-]+):([A-Za-z0-9._-]+)\\s*$", RegexOptions.Multiline)]
    private static partial Regex ImagePattern();

    [GeneratedRegex("^spec:[ \\t]*$", RegexOptions.Multiline)]
    private static partial Regex SpecPattern();

    [GeneratedRegex("(containerPort:\\s*)(\\d+)")]
    private static partial Regex PortPattern();
}

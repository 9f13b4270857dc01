namespace EdgeWasm.Cli.Demo;

/// <summary>
/// One example of examples/NAME/: its pod manifest, the image's repository and tag (pushed to the demo's registry),
/// what it should reach, and the demo device it runs on.
/// </summary>
internal sealed record ExamplePod(string Name, string ManifestPath, string Manifest, string Repository, string Tag, Expectation Expectation, DemoDevice Device);

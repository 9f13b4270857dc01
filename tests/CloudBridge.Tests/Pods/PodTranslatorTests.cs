using EdgeWasm.CloudBridge.Kubernetes.Models;
using EdgeWasm.CloudBridge.Pods;
using EdgeWasm.Protocol.Documents;
using EnvVar = EdgeWasm.Protocol.Documents.EnvVar;
using static EdgeWasm.CloudBridge.Tests.Pods.TestPods;

namespace EdgeWasm.CloudBridge.Tests.Pods;

public sealed class PodTranslatorTests
{
    // Fills @0@, @1@, ... in JSON templates (interpolated raw strings fight with JSON's braces).
    private static string Fill(string template, params string[] values)
    {
        for (var i = 0; i < values.Length; i++) template = template.Replace($"@{i}@", values[i], StringComparison.Ordinal);
        return template;
    }

    private static readonly ContentDigest Digest = ContentDigest.Parse("sha256:" + new string('a', 64));

    [Fact]
    public void ASupportedPod_BecomesOneWorkloadPerContainer_WithEveryFieldMapped()
    {
        var pod = Pod("""
            {"spec":{"activeDeadlineSeconds":600,
              "containers":[{"name":"main","image":"reg.local:5000/sensors/avg:1.0","imagePullPolicy":"IfNotPresent",
                "command":["avg"],"args":["--every","1s"],"env":[{"name":"MODE","value":"fast"}],
                "ports":[{"containerPort":8080,"protocol":"TCP"}],
                "resources":{"limits":{"cpu":"500m","memory":"64Mi"},"requests":{"cpu":"100m"}}}]}}
            """);

        var result = PodTranslator.Translate(pod, Inputs());

        Assert.True(result.IsComplete);
        var w = Assert.Single(result.Workloads);
        Assert.Equal(new WorkloadId("edge", "sensor", "main"), w.Id);
        Assert.Equal("uid-1", w.PodUid);
        Assert.Equal("reg.local:5000/sensors/avg:1.0", w.Image);
        Assert.Null(w.Digest);
        Assert.Equal(PullPolicy.IfNotPresent, w.PullPolicy);
        Assert.Equal(["avg", "--every", "1s"], w.Args);
        Assert.Equal([new EnvVar("MODE", "fast")], w.Env);
        Assert.Equal(500_000_000, w.Limits.FuelPerSecond);
        Assert.Equal(64L << 20, w.Limits.MemoryBytes);
        Assert.Equal(600_000, w.Limits.DeadlineMs);
        Assert.Equal(RestartPolicy.Always, w.RestartPolicy);
        Assert.Equal(8080, w.ListenPort);
        Assert.False(w.Init);
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [InlineData("""{"spec":{"hostNetwork":true}}""", "hostNetwork is not supported")]
    [InlineData("""{"spec":{"hostPID":true}}""", "hostPID is not supported")]
    [InlineData("""{"spec":{"hostIPC":true}}""", "hostIPC is not supported")]
    [InlineData("""{"spec":{"securityContext":{"sysctls":[{"name":"net.core.somaxconn","value":"1024"}]}}}""", "sysctls are not supported")]
    [InlineData("""{"spec":{"restartPolicy":"Sometimes"}}""", "restartPolicy 'Sometimes' is not one of Always, OnFailure, Never")]
    [InlineData("""{"spec":{"containers":[{"name":"main","image":"r/x:1","securityContext":{"privileged":true}}]}}""", "container \"main\": privileged mode is not supported")]
    [InlineData("""{"spec":{"containers":[{"name":"main","image":"r/x:1","securityContext":{"capabilities":{"add":["NET_ADMIN"]}}}]}}""", "adding capabilities (NET_ADMIN)")]
    [InlineData("""{"spec":{"containers":[{"name":"main","image":"r/x:1","securityContext":{"capabilities":{"drop":["ALL"]}}}],"volumes":[{"name":"scratch","hostPath":{"path":"/data"}}]}}""", "volume \"scratch\" of type hostPath is not supported (a device's filesystem")]
    [InlineData("""{"spec":{"volumes":[{"name":"claim","persistentVolumeClaim":{"claimName":"c"}}]}}""", "volume \"claim\" of type persistentVolumeClaim is not supported")]
    [InlineData("""{"spec":{"volumes":[{"name":"p","projected":{"sources":[{"configMap":{"name":"x"}}]}}]}}""", "volume \"p\" of type projected is not supported")]
    [InlineData("""{"spec":{"containers":[{"name":"main","image":"r/x:1","readinessProbe":{"tcpSocket":{"port":80}}}]}}""", "probes are not supported")]
    [InlineData("""{"spec":{"containers":[{"name":"main","image":"r/x:1","lifecycle":{"preStop":{"exec":{"command":["x"]}}}}]}}""", "lifecycle hooks are not supported")]
    [InlineData("""{"spec":{"containers":[{"name":"main","image":"r/x:1","tty":true,"stdin":true}]}}""", "stdin and tty are not supported")]
    [InlineData("""{"spec":{"containers":[{"name":"main","image":"r/x:1","workingDir":"/app"}]}}""", "workingDir is not supported")]
    [InlineData("""{"spec":{"initContainers":[{"name":"side","image":"r/x:1","restartPolicy":"Always"}]}}""", "init container \"side\": sidecar containers")]
    [InlineData("""{"spec":{"containers":[{"name":"main","image":"r/x:1","ports":[{"containerPort":80},{"containerPort":81}]}]}}""", "2 ports are declared; a workload gets exactly one listening socket")]
    [InlineData("""{"spec":{"containers":[{"name":"main","image":"r/x:1","ports":[{"containerPort":53,"protocol":"UDP"}]}]}}""", "port 53/UDP is not supported (TCP only)")]
    [InlineData("""{"spec":{"containers":[{"name":"main","image":"r/x:1","ports":[{"containerPort":80,"hostPort":8080}]}]}}""", "hostPort 8080 must equal containerPort 80")]
    [InlineData("""{"spec":{"containers":[{"name":"a","image":"r/x:1","ports":[{"containerPort":80}]},{"name":"b","image":"r/y:1","ports":[{"containerPort":80}]}]}}""", "container \"b\": port 80 is also used by container \"a\"")]
    [InlineData("""{"spec":{"containers":[{"name":"main","image":"r/x:1","resources":{"limits":{"nvidia.com/gpu":"1"}}}]}}""", "limits.nvidia.com/gpu is not available on EdgeWasm devices")]
    [InlineData("""{"spec":{"volumes":[{"name":"d","emptyDir":{}}],"containers":[{"name":"main","image":"r/x:1","volumeMounts":[{"name":"d","mountPath":"/d","subPath":"x"}]}]}}""", "volume mount \"d\": subPath is not supported")]
    [InlineData("""{"spec":{"containers":[{"name":"main","image":"r/x:1","volumeMounts":[{"name":"nowhere","mountPath":"/d"}]}]}}""", "container \"main\" mounts volume \"nowhere\", which the pod does not define")]
    [InlineData("""{"spec":{"containers":[{"name":"main","image":"r/x:1","env":[{"name":"G","valueFrom":{"fieldRef":{"fieldPath":"metadata.generation"}}}]}]}}""", "fieldRef 'metadata.generation' is not supported")]
    [InlineData("""{"spec":{"containers":[{"name":"main","image":"r/x:1","env":[{"name":"H","valueFrom":{"resourceFieldRef":{"resource":"limits.hugepages-2Mi"}}}]}]}}""", "resourceFieldRef resource 'limits.hugepages-2Mi' is not supported")]
    [InlineData("""{"spec":{"containers":[{"name":"main","image":"r/x:1","imagePullPolicy":"Sometimes"}]}}""", "imagePullPolicy 'Sometimes'")]
    public void UnsupportedFeatures_RejectThePod_WithAClearReason(string patch, string expected)
    {
        var result = PodTranslator.Translate(Pod(patch), Inputs());

        Assert.True(result.IsRejected);
        Assert.Equal("UnsupportedPodSpec", result.Rejection!.Reason);
        Assert.Contains(expected, result.Rejection.Message, StringComparison.Ordinal);
        Assert.Empty(result.Workloads);
    }

    [Fact]
    public void ARejection_NamesEveryProblemAtOnce()
    {
        var pod = Pod("""{"spec":{"hostNetwork":true,"containers":[{"name":"main","image":"r/x:1","tty":true,"securityContext":{"privileged":true}}]}}""");

        var message = PodTranslator.Translate(pod, Inputs()).Rejection!.Message;

        Assert.Equal(
            "hostNetwork is not supported: workloads get one socket from the agent, not the host's network; container \"main\": privileged mode is not supported; container \"main\": stdin and tty are not supported: workloads cannot be attached to",
            message);
    }

    [Fact]
    public void TheServiceAccountVolumeThatAdmissionAdds_IsLeftOut_NotRejected()
    {
        var pod = Pod("""
            {"spec":{"volumes":[{"name":"kube-api-access-x7k2p","projected":{"sources":[
                {"serviceAccountToken":{"expirationSeconds":3607,"path":"token"}},
                {"configMap":{"name":"kube-root-ca.crt","items":[{"key":"ca.crt","path":"ca.crt"}]}},
                {"downwardAPI":{"items":[{"path":"namespace","fieldRef":{"apiVersion":"v1","fieldPath":"metadata.namespace"}}]}}]}}],
              "containers":[{"name":"main","image":"r/x:1","volumeMounts":[{"name":"kube-api-access-x7k2p","mountPath":"/var/run/secrets/kubernetes.io/serviceaccount","readOnly":true}]}]}}
            """);

        var result = PodTranslator.Translate(pod, Inputs());

        Assert.True(result.IsComplete);
        Assert.Empty(result.Workloads[0].Volumes);
    }

    [Theory]
    [InlineData("250m", "64Mi", 250_000_000L, 67_108_864L)]
    [InlineData("1", "1Gi", 1_000_000_000L, 1_073_741_824L)]
    [InlineData("1.5", "1.5Gi", 1_500_000_000L, 1_610_612_736L)]
    [InlineData("2E0", "100k", 2_000_000_000L, 100_000L)]
    [InlineData("0.0001", "1M", 1_000_000L, 1_000_000L)]
    [InlineData("1500m", "129e6", 1_500_000_000L, 129_000_000L)]
    [InlineData("10m", "128974848", 10_000_000L, 128_974_848L)]
    [InlineData("100u", "0.5Ki", 1_000_000L, 512L)]
    public void ResourceLimits_BecomeFuelPerSecondAndMemoryBytes_ThroughTheProfile(string cpu, string memory, long fuel, long bytes)
    {
        var pod = Pod(Fill("""{"spec":{"containers":[{"name":"main","image":"r/x:1","resources":{"limits":{"cpu":"@0@","memory":"@1@"}}}]}}""", cpu, memory));

        var limits = PodTranslator.Translate(pod, Inputs()).Workloads[0].Limits;

        Assert.Equal(fuel, limits.FuelPerSecond);
        Assert.Equal(bytes, limits.MemoryBytes);
    }

    [Fact]
    public void WithoutLimits_TheProfileDefaultsApply()
    {
        var limits = PodTranslator.Translate(Pod(), Inputs()).Workloads[0].Limits;

        Assert.Null(limits.FuelPerSecond);
        Assert.Null(limits.MemoryBytes);
        Assert.Null(limits.DeadlineMs);
    }

    [Theory]
    [InlineData("reg.local/x", null, PullPolicy.Always)]
    [InlineData("reg.local/x:latest", null, PullPolicy.Always)]
    [InlineData("reg.local/x:1", null, PullPolicy.IfNotPresent)]
    [InlineData("reg.local/x@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", null, PullPolicy.IfNotPresent)]
    [InlineData("reg.local/x:1", "Always", PullPolicy.Always)]
    [InlineData("reg.local/x", "Never", PullPolicy.Never)]
    public void PullPolicy_IsTheContainers_OrTheApiServersDefault(string image, string? policy, PullPolicy expected)
    {
        var policyJson = policy is null ? "" : $",\"imagePullPolicy\":\"{policy}\"";
        var pod = Pod(Fill("""{"spec":{"containers":[{"name":"main","image":"@0@"@1@}]}}""", image, policyJson));

        Assert.Equal(expected, PodTranslator.Translate(pod, Inputs()).Workloads[0].PullPolicy);
    }

    [Theory]
    [InlineData("reg.local/x:1@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", false, true)]
    [InlineData("reg.local/x:1", true, true)]
    [InlineData("reg.local/x:1", false, false)]
    public void TheDigest_IsPinned_WhenTheReferenceHasOne_OrAdmissionResolvedIt(string image, bool resolved, bool pinned)
    {
        var pod = Pod(Fill("""{"spec":{"containers":[{"name":"main","image":"@0@"}]}}""", image));
        var digests = resolved ? new Dictionary<string, ContentDigest> { [image] = Digest } : null;

        var workload = PodTranslator.Translate(pod, Inputs(digests: digests)).Workloads[0];

        Assert.Equal(pinned ? Digest : null, workload.Digest);
        Assert.Equal(image, workload.Image);
    }

    [Fact]
    public void InitContainers_ComeFirst_InOrder_AndRestartOnFailureUnlessThePodNeverRestarts()
    {
        const string containers = """
            "initContainers":[{"name":"fetch","image":"r/f:1"},{"name":"migrate","image":"r/m:1"}],
            "containers":[{"name":"app","image":"r/a:1"},{"name":"log","image":"r/l:1"}]
            """;

        var always = PodTranslator.Translate(Pod(Fill("""{"spec":{@0@}}""", containers)), Inputs()).Workloads;
        var never = PodTranslator.Translate(Pod(Fill("""{"spec":{"restartPolicy":"Never",@0@}}""", containers)), Inputs()).Workloads;

        Assert.Equal(["fetch", "migrate", "app", "log"], always.Select(w => w.Id.Container));
        Assert.Equal([true, true, false, false], always.Select(w => w.Init));
        Assert.Equal([0, 1, 0, 1], always.Select(w => w.Order));
        Assert.Equal([RestartPolicy.OnFailure, RestartPolicy.OnFailure, RestartPolicy.Always, RestartPolicy.Always], always.Select(w => w.RestartPolicy));
        Assert.Equal([RestartPolicy.Never, RestartPolicy.Never, RestartPolicy.Never, RestartPolicy.Never], never.Select(w => w.RestartPolicy));
    }

    [Fact]
    public void Environment_IsResolvedLikeTheKubelet()
    {
        var pod = Pod("""
            {"spec":{"containers":[{"name":"main","image":"r/x:1",
              "command":["run","$(GREETING)","$$(LITERAL)","$(UNDEFINED)"],
              "envFrom":[{"configMapRef":{"name":"settings"},"prefix":"CFG_"},{"secretRef":{"name":"creds"}},{"configMapRef":{"name":"absent","optional":true}}],
              "resources":{"limits":{"memory":"64Mi","cpu":"250m"}},
              "env":[
                {"name":"GREETING","value":"hi $(CFG_who)"},
                {"name":"CFG_mode","value":"overridden"},
                {"name":"ONE","valueFrom":{"configMapKeyRef":{"name":"settings","key":"who"}}},
                {"name":"TWO","valueFrom":{"secretKeyRef":{"name":"creds","key":"token"}}},
                {"name":"SKIPPED","valueFrom":{"secretKeyRef":{"name":"creds","key":"nope","optional":true}}},
                {"name":"POD","valueFrom":{"fieldRef":{"fieldPath":"metadata.name"}}},
                {"name":"NS","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.namespace"}}},
                {"name":"UID","valueFrom":{"fieldRef":{"fieldPath":"metadata.uid"}}},
                {"name":"APP","valueFrom":{"fieldRef":{"fieldPath":"metadata.labels['app']"}}},
                {"name":"NOTE","valueFrom":{"fieldRef":{"fieldPath":"metadata.annotations['note']"}}},
                {"name":"NOLABEL","valueFrom":{"fieldRef":{"fieldPath":"metadata.labels['none']"}}},
                {"name":"NODE","valueFrom":{"fieldRef":{"fieldPath":"spec.nodeName"}}},
                {"name":"SA","valueFrom":{"fieldRef":{"fieldPath":"spec.serviceAccountName"}}},
                {"name":"HOST","valueFrom":{"fieldRef":{"fieldPath":"status.hostIP"}}},
                {"name":"MEM_MI","valueFrom":{"resourceFieldRef":{"resource":"limits.memory","divisor":"1Mi"}}},
                {"name":"CPU","valueFrom":{"resourceFieldRef":{"resource":"limits.cpu"}}},
                {"name":"CPU_M","valueFrom":{"resourceFieldRef":{"resource":"requests.cpu","divisor":"1m"}}},
                {"name":"NODE_MEM","valueFrom":{"resourceFieldRef":{"containerName":"main","resource":"limits.ephemeral-storage","divisor":"1Gi"}}}
              ]}]}}
            """);
        var inputs = Inputs(
            [ConfigMap("settings", ("who", "world"), ("mode", "slow"), ("bad key", "x"))],
            [Secret("creds", null, ("token", "s3cret"))]);

        var result = PodTranslator.Translate(pod, inputs);

        var env = result.Workloads[0].Env.Select(e => $"{e.Name}={e.Value}").ToList();
        Assert.Equal(
        [
            "CFG_mode=overridden", "CFG_who=world", "token=s3cret", "GREETING=hi world", "ONE=world", "TWO=s3cret",
            "POD=sensor", "NS=edge", "UID=uid-1", "APP=avg", "NOTE=hello", "NOLABEL=", "NODE=pi-1", "SA=default", "HOST=192.168.1.20",
            "MEM_MI=64", "CPU=1", "CPU_M=250", "NODE_MEM=8",
        ], env);
        Assert.Equal(["run", "hi world", "$(LITERAL)", "$(UNDEFINED)"], result.Workloads[0].Args);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("InvalidEnvironmentVariableNames", warning.Reason);
        Assert.Contains("CFG_bad key", warning.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"name":"A","valueFrom":{"configMapKeyRef":{"name":"absent","key":"k"}}}]""", "configmap \"absent\" not found")]
    [InlineData("""[{"name":"A","valueFrom":{"configMapKeyRef":{"name":"settings","key":"nope"}}}]""", "couldn't find key nope in ConfigMap edge/settings")]
    [InlineData("""[{"name":"A","valueFrom":{"secretKeyRef":{"name":"absent","key":"k"}}}]""", "secret \"absent\" not found")]
    [InlineData("""[{"name":"A","valueFrom":{"secretKeyRef":{"name":"creds","key":"nope"}}}]""", "couldn't find key nope in Secret edge/creds")]
    public void AMissingRequiredReference_MakesOnlyThatContainerWait(string env, string message)
    {
        var pod = Pod(Fill("""{"spec":{"containers":[{"name":"main","image":"r/x:1","env":@0@},{"name":"other","image":"r/y:1"}]}}""", env));

        var result = PodTranslator.Translate(pod, Inputs([ConfigMap("settings", ("who", "w"))], [Secret("creds", null, ("token", "t"))]));

        Assert.False(result.IsRejected);
        Assert.Equal(new ContainerWait("CreateContainerConfigError", message), result.Waiting["main"]);
        Assert.Equal(["other"], result.Workloads.Select(w => w.Id.Container));
    }

    [Fact]
    public void AWaitingInitContainer_HoldsBackTheRegularContainers()
    {
        var pod = Pod("""
            {"spec":{"initContainers":[{"name":"init","image":"r/i:1","env":[{"name":"A","valueFrom":{"configMapKeyRef":{"name":"absent","key":"k"}}}]}],
                     "containers":[{"name":"main","image":"r/x:1"}]}}
            """);

        var result = PodTranslator.Translate(pod, Inputs());

        Assert.Empty(result.Workloads);
        Assert.Equal("CreateContainerConfigError", result.Waiting["init"].Reason);
        Assert.Equal("PodInitializing", result.Waiting["main"].Reason);
    }

    [Fact]
    public void AnInvalidImageName_Waits_AsTheKubeletDoes()
    {
        var result = PodTranslator.Translate(Pod("""{"spec":{"containers":[{"name":"main","image":"Reg.Local/UPPER:1"}]}}"""), Inputs());

        Assert.Equal("InvalidImageName", result.Waiting["main"].Reason);
        Assert.Contains("Reg.Local/UPPER:1", result.Waiting["main"].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Volumes_BecomePreopens_WithConfigMapAndSecretFilesInTheDocument()
    {
        var pod = Pod("""
            {"spec":{"volumes":[{"name":"scratch","emptyDir":{"medium":"Memory"}},{"name":"bare"},
                                {"name":"cfg","configMap":{"name":"settings","items":[{"key":"blob","path":"bin/blob.dat"},{"key":"who","path":"who.txt"}],"defaultMode":420}},
                                {"name":"keys","secret":{"secretName":"creds"}},
                                {"name":"opt","configMap":{"name":"absent","optional":true}}],
              "containers":[{"name":"main","image":"r/x:1","volumeMounts":[
                {"name":"scratch","mountPath":"/tmp"},{"name":"cfg","mountPath":"/etc/cfg"},{"name":"keys","mountPath":"/etc/keys","readOnly":true},
                {"name":"opt","mountPath":"/opt"},{"name":"bare","mountPath":"/bare","readOnly":true}]}]}}
            """);
        var settings = ConfigMap("settings", ("who", "world")) with { BinaryData = new Dictionary<string, byte[]> { ["blob"] = [0, 1, 2] } };

        var volumes = PodTranslator.Translate(pod, Inputs([settings], [Secret("creds", null, ("b", "2"), ("a", "1"))])).Workloads[0].Volumes;

        Assert.Equal(["scratch:/tmp:EmptyDir:rw", "cfg:/etc/cfg:Files:ro", "keys:/etc/keys:Files:ro", "opt:/opt:Files:ro", "bare:/bare:EmptyDir:ro"],
            volumes.Select(v => $"{v.Name}:{v.GuestPath}:{v.Kind}:{(v.ReadOnly ? "ro" : "rw")}"));
        Assert.Equal([new VolumeFile("bin/blob.dat", "AAEC"), new VolumeFile("who.txt", "d29ybGQ=")], volumes[1].Files);
        Assert.Equal([new VolumeFile("a", "MQ=="), new VolumeFile("b", "Mg==")], volumes[2].Files);
        Assert.Empty(volumes[3].Files);
    }

    [Theory]
    [InlineData("""{"name":"cfg","configMap":{"name":"absent"}}""", "MountVolume.SetUp failed for volume \"cfg\" : configmap \"absent\" not found")]
    [InlineData("""{"name":"cfg","secret":{"secretName":"absent"}}""", "MountVolume.SetUp failed for volume \"cfg\" : secret \"absent\" not found")]
    [InlineData("""{"name":"cfg","configMap":{"name":"settings","items":[{"key":"nope","path":"n"}]}}""", "MountVolume.SetUp failed for volume \"cfg\" : configmap references non-existent config key: nope")]
    public void AVolumeThatCannotBeSetUp_MakesThePodWait_WithAFailedMountWarning(string volume, string message)
    {
        var pod = Pod(Fill("""{"spec":{"volumes":[@0@],"containers":[{"name":"main","image":"r/x:1","volumeMounts":[{"name":"cfg","mountPath":"/c"}]},{"name":"b","image":"r/y:1"}]}}""", volume));

        var result = PodTranslator.Translate(pod, Inputs([ConfigMap("settings", ("who", "w"))]));

        Assert.Empty(result.Workloads);
        Assert.Equal(["b", "main"], result.Waiting.Keys.Order());
        Assert.All(result.Waiting.Values, w => Assert.Equal(new ContainerWait("ContainerCreating", message), w));
        Assert.Equal("FailedMount", Assert.Single(result.Warnings).Reason);
    }

    [Theory]
    [InlineData("reg.local:5000", "reg.local:5000/sensors/avg:1", true)]
    [InlineData("reg.local", "reg.local:5000/sensors/avg:1", false)]
    [InlineData("https://reg.local:5000/v2/", "reg.local:5000/sensors/avg:1", true)]
    [InlineData("*.example.com", "eu.example.com/a/b:1", true)]
    [InlineData("*.example.com", "a.eu.example.com/a/b:1", false)]
    [InlineData("reg.local/team", "reg.local/team/app:1", true)]
    [InlineData("reg.local/team", "reg.local/other/app:1", false)]
    [InlineData("https://index.docker.io/v1/", "busybox:1", true)]
    [InlineData("docker.io", "library/busybox", true)]
    [InlineData("quay.io", "busybox", false)]
    public void PullSecrets_MatchTheImagesRegistry_AsTheKubeletsKeyring(string key, string image, bool matches)
    {
        var config = Fill("""{"auths":{"@0@":{"username":"robot","password":"pw"},"other.example:1":{"auth":"@1@"}}}""", key, Convert.ToBase64String("x:y"u8));
        var pod = Pod(Fill("""{"spec":{"imagePullSecrets":[{"name":"pull"}],"containers":[{"name":"main","image":"@0@"}]}}""", image));

        var workload = PodTranslator.Translate(pod, Inputs(secrets: [Secret("pull", "kubernetes.io/dockerconfigjson", (".dockerconfigjson", config))])).Workloads[0];

        if (matches) Assert.Equal([new RegistryCredential(Protocol.Images.ImageReference.Parse(image).Registry, "robot", "pw")], workload.PullCredentials);
        else Assert.Empty(workload.PullCredentials);
    }

    [Fact]
    public void PullSecrets_InAuthFormOrLegacyDockercfg_AreRead_AndAMissingOneIsAWarningNotAFailure()
    {
        var config = Fill("""{"reg.local":{"auth":"@0@"}}""", Convert.ToBase64String("user:pa:ss"u8));
        var pod = Pod("""{"spec":{"imagePullSecrets":[{"name":"legacy"},{"name":"absent"}],"containers":[{"name":"main","image":"reg.local/x:1"}]}}""");

        var result = PodTranslator.Translate(pod, Inputs(secrets: [Secret("legacy", "kubernetes.io/dockercfg", (".dockercfg", config))]));

        Assert.Equal([new RegistryCredential("reg.local", "user", "pa:ss")], result.Workloads[0].PullCredentials);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("FailedToRetrieveImagePullSecret", warning.Reason);
        Assert.Contains("(absent)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void References_ListWhatTheTranslationWillRead()
    {
        var pod = Pod("""
            {"spec":{"imagePullSecrets":[{"name":"pull"}],
              "volumes":[{"name":"v","configMap":{"name":"vol-cm"}},{"name":"s","secret":{"secretName":"vol-secret"}}],
              "containers":[{"name":"main","image":"r.io/x:1","envFrom":[{"configMapRef":{"name":"from-cm"}}],
                             "env":[{"name":"A","valueFrom":{"secretKeyRef":{"name":"env-secret","key":"k"}}}]},
                            {"name":"pinned","image":"r.io/y@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}]}}
            """);

        var refs = PodReferences.Collect(pod);

        Assert.Equal(["from-cm", "vol-cm"], refs.ConfigMaps);
        Assert.Equal(["env-secret", "pull", "vol-secret"], refs.Secrets);
        Assert.Equal(["r.io/x:1"], refs.ImagesToResolve);
    }
}

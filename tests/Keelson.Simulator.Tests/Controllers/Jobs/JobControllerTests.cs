using Keelson.Kubernetes;
using Keelson.Kubernetes.Resources;

namespace Keelson.Simulator.Tests.Controllers.Jobs;

public sealed class JobControllerTests
{
    [Fact]
    public async Task Job_RunsItsCompletionsWithinParallelism_AndCompletes()
    {
        await using var fleet = await TestFleet.StartAsync();
        var jobs = fleet.Client.Resource<Job>("default");
        await jobs.CreateAsync(Manifests.Job("report", completions: 3, parallelism: 2));

        var job = await Eventually.Until(() => jobs.GetAsync("report"), j => j.Status?.Conditions?.Any(c => c.Type == "Complete") == true, "the job to complete");

        var uid = job.Metadata.Uid!;
        Assert.Equal(uid, job.Spec!.Selector!.MatchLabels!["batch.kubernetes.io/controller-uid"]);
        var complete = Assert.Single(job.Status!.Conditions!);
        Assert.Equal(("True", null, null), (complete.Status, complete.Reason, complete.Message));
        Assert.Equal((3, (int?)null, (int?)null, 0, 0), (job.Status.Succeeded, job.Status.Failed, job.Status.Active, job.Status.Ready, job.Status.Terminating));
        Assert.NotNull(job.Status.StartTime);
        Assert.Equal(complete.LastTransitionTime, job.Status.CompletionTime);
        Assert.Null(job.Status.UncountedTerminatedPods!.Succeeded);
        var pods = (await fleet.Client.Resource<Pod>("default").ListAsync(new ListOptions { LabelSelector = $"batch.kubernetes.io/controller-uid={uid}" })).Items;
        Assert.Equal(3, pods.Count);
        Assert.All(pods, pod =>
        {
            Assert.StartsWith("report-", pod.Metadata.Name, StringComparison.Ordinal);
            Assert.Equal("report", pod.Metadata.Labels!["batch.kubernetes.io/job-name"]);
            Assert.Equal("report", pod.Metadata.Labels["job-name"]);
            Assert.Equal(uid, pod.Metadata.Labels["controller-uid"]);
            Assert.Equal("Succeeded", pod.Status!.Phase);
            Assert.Null(pod.Metadata.Finalizers); // the tracking finalizer goes once the pod is counted
            Assert.Equal(("Job", uid), (pod.Metadata.OwnerReferences![0].Kind, pod.Metadata.OwnerReferences[0].Uid));
        });
        // The controller records Completed after it wrote the job's status.
        var completed = await fleet.WaitForEventAsync("report", "Completed");
        Assert.Equal("Job completed", completed.Message);
        Assert.Equal(3, (await fleet.EventsAsync("report")).Count(e => e.Reason == "SuccessfulCreate"));
    }

    [Fact]
    public async Task Job_WhosePodsFail_StopsAtItsBackoffLimit()
    {
        await using var fleet = await TestFleet.StartAsync();
        var jobs = fleet.Client.Resource<Job>("default");
        // A :crash image exits with an error; with restartPolicy Never each failure fails its pod.
        var manifest = Manifests.Job("migrate", completions: 1, parallelism: 1, image: "migrate:crash");
        manifest.Spec!.BackoffLimit = 2;
        await jobs.CreateAsync(manifest);

        var job = await Eventually.Until(() => jobs.GetAsync("migrate"), j => j.Status?.Conditions?.Any(c => c.Type == "Failed") == true, "the job to fail");

        var failed = Assert.Single(job.Status!.Conditions!);
        Assert.Equal(("True", "BackoffLimitExceeded", "Job has reached the specified backoff limit"), (failed.Status, failed.Reason, failed.Message));
        Assert.Equal(3, job.Status.Failed);
        Assert.Null(job.Status.Succeeded);
        Assert.Null(job.Status.CompletionTime);
        var pods = (await fleet.Client.Resource<Pod>("default").ListAsync(new ListOptions { LabelSelector = "job-name=migrate" })).Items;
        Assert.Equal(3, pods.Count);
        // The controller records the event after it wrote the job's status.
        await fleet.WaitForEventAsync("migrate", "BackoffLimitExceeded", e => e.Type == "Warning");
    }

    [Fact]
    public async Task Job_ActiveLongerThanItsDeadline_FailsAndStopsItsPods()
    {
        // Its pod would run for an hour.
        await using var fleet = await TestFleet.StartAsync(timing: "jobRunTime: 1h");
        var jobs = fleet.Client.Resource<Job>("default");
        var manifest = Manifests.Job("crawler", completions: 1, parallelism: 1);
        manifest.Spec!.ActiveDeadlineSeconds = 1;
        await jobs.CreateAsync(manifest);

        var job = await Eventually.Until(() => jobs.GetAsync("crawler"), j => j.Status?.Conditions?.Any(c => c.Type == "Failed") == true, "the job to fail");

        var failed = Assert.Single(job.Status!.Conditions!);
        Assert.Equal(("DeadlineExceeded", "Job was active longer than specified deadline"), (failed.Reason, failed.Message));
        Assert.Equal(1, job.Status.Failed);
        await Eventually.Until(
            async () => (await fleet.Client.Resource<Pod>("default").ListAsync(new ListOptions { LabelSelector = "job-name=crawler" })).Items,
            p => p.Count == 0,
            "the running pod to be stopped");
    }

    [Fact]
    public async Task DeletingARunningJob_LetsItsPodsGoDespiteTheTrackingFinalizer()
    {
        // Its pods would run for an hour.
        await using var fleet = await TestFleet.StartAsync(timing: "jobRunTime: 1h");
        var jobs = fleet.Client.Resource<Job>("default");
        var pods = fleet.Client.Resource<Pod>("default");
        await jobs.CreateAsync(Manifests.Job("backfill", completions: 2, parallelism: 2));
        var running = await Eventually.Until(
            async () => (await pods.ListAsync(new ListOptions { LabelSelector = "job-name=backfill" })).Items,
            p => p.Count == 2 && p.All(x => x.Status?.Phase == "Running"),
            "the job's pods to run");
        Assert.All(running, p => Assert.Equal(["batch.kubernetes.io/job-tracking"], p.Metadata.Finalizers));

        await jobs.DeleteAsync("backfill", new DeleteOptions { PropagationPolicy = "Background" });

        await Eventually.Until(
            async () => (await pods.ListAsync(new ListOptions { LabelSelector = "job-name=backfill" })).Items,
            p => p.Count == 0,
            "the deleted job's pods to go");
    }

    [Fact]
    public async Task SuspendedJob_StartsNoPodsUntilResumed()
    {
        await using var fleet = await TestFleet.StartAsync();
        var jobs = fleet.Client.Resource<Job>("default");
        var manifest = Manifests.Job("nightly", completions: 2, parallelism: 2);
        manifest.Spec!.Suspend = true;
        await jobs.CreateAsync(manifest);

        var suspended = await Eventually.Until(() => jobs.GetAsync("nightly"), j => j.Status?.Conditions?.Any(c => c.Type == "Suspended") == true, "the job to report its suspension");
        var condition = suspended.Status!.Conditions!.Single();
        Assert.Equal(("True", "JobSuspended", "Job suspended"), (condition.Status, condition.Reason, condition.Message));
        Assert.Null(suspended.Status.StartTime);
        Assert.Empty((await fleet.Client.Resource<Pod>("default").ListAsync(new ListOptions { LabelSelector = "job-name=nightly" })).Items);

        await jobs.PatchAsync("nightly", Patch.Merge(new { spec = new { suspend = false } }));

        var done = await Eventually.Until(() => jobs.GetAsync("nightly"), j => j.Status?.Conditions?.Any(c => c.Type == "Complete") == true, "the resumed job to complete");
        var resumed = done.Status!.Conditions!.Single(c => c.Type == "Suspended");
        Assert.Equal(("False", "JobResumed", "Job resumed"), (resumed.Status, resumed.Reason, resumed.Message));
        Assert.Equal(2, done.Status.Succeeded);
        Assert.NotNull(done.Status.StartTime);
    }

    [Fact]
    public async Task IndexedJob_GivesEachPodItsIndex_AndReportsCompletedIndexes()
    {
        await using var fleet = await TestFleet.StartAsync();
        var jobs = fleet.Client.Resource<Job>("default");
        var manifest = Manifests.Job("shard", completions: 4, parallelism: 2);
        manifest.Spec!.CompletionMode = "Indexed";
        await jobs.CreateAsync(manifest);

        var job = await Eventually.Until(() => jobs.GetAsync("shard"), j => j.Status?.Conditions?.Any(c => c.Type == "Complete") == true, "the job to complete");

        Assert.Equal(("0-3", 4), (job.Status!.CompletedIndexes, job.Status.Succeeded));
        var pods = (await fleet.Client.Resource<Pod>("default").ListAsync(new ListOptions { LabelSelector = "job-name=shard" })).Items;
        Assert.Equal(["0", "1", "2", "3"], pods.Select(p => p.Metadata.Annotations!["batch.kubernetes.io/job-completion-index"]).Order());
        Assert.All(pods, pod =>
        {
            var index = pod.Metadata.Labels!["batch.kubernetes.io/job-completion-index"];
            Assert.StartsWith($"shard-{index}-", pod.Metadata.Name, StringComparison.Ordinal);
            Assert.Equal($"shard-{index}", pod.Spec!.Hostname);
            var env = Assert.Single(pod.Spec.Containers![0].Env!);
            Assert.Equal(("JOB_COMPLETION_INDEX", "metadata.labels['batch.kubernetes.io/job-completion-index']"), (env.Name, env.ValueFrom!.FieldRef!.FieldPath));
        });
    }
}

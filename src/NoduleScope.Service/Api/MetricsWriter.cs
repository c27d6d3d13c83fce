using System.Globalization;
using System.Text;
using NoduleScope.Pipeline;
using NoduleScope.Pipeline.Queue;

namespace NoduleScope.Service.Api;

/// <summary>The Prometheus text exposition (format 0.0.4) of the queue's counts and this process's counters.</summary>
internal static class MetricsWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Write(QueueStatistics stats, PipelineCounters counters, int activeAssociations, long freeBytes)
    {
        var b = new StringBuilder();
        Family(b, "nodulescope_jobs", "gauge", "Jobs by state, every process sharing the queue.");
        foreach (var (state, count) in stats.Jobs)
        {
            Sample(b, "nodulescope_jobs", $"state=\"{StateNames.Of(state)}\"", count);
        }

        Family(b, "nodulescope_studies", "gauge", "Studies by state.");
        foreach (var (state, count) in stats.Studies)
        {
            Sample(b, "nodulescope_studies", $"state=\"{StateNames.Of(state)}\"", count);
        }

        Family(b, "nodulescope_sends", "gauge", "Result files for the PACS by state.");
        foreach (var (state, count) in stats.Sends)
        {
            Sample(b, "nodulescope_sends", $"state=\"{StateNames.Of(state)}\"", count);
        }

        Family(b, "nodulescope_instances_stored", "gauge", "Instances recorded in the queue.");
        Sample(b, "nodulescope_instances_stored", null, stats.Instances);
        Family(b, "nodulescope_instances_received_total", "counter", "Instances received and recorded by this process.");
        Sample(b, "nodulescope_instances_received_total", "outcome=\"new\"", counters.InstancesNew);
        Sample(b, "nodulescope_instances_received_total", "outcome=\"replaced\"", counters.InstancesReplaced);
        Sample(b, "nodulescope_instances_received_total", "outcome=\"duplicate\"", counters.InstancesDuplicate);
        Family(b, "nodulescope_received_bytes_total", "counter", "Bytes of instances stored by this process.");
        Sample(b, "nodulescope_received_bytes_total", null, counters.InstanceBytes);
        Family(b, "nodulescope_job_attempts_total", "counter", "Processing attempts finished by this process, by result.");
        Sample(b, "nodulescope_job_attempts_total", "result=\"done\"", counters.JobsDone);
        Sample(b, "nodulescope_job_attempts_total", "result=\"retried\"", counters.JobsRetried);
        Sample(b, "nodulescope_job_attempts_total", "result=\"failed\"", counters.JobsFailed);
        Sample(b, "nodulescope_job_attempts_total", "result=\"lease_lost\"", counters.JobsLeaseLost);
        Family(b, "nodulescope_job_processing_seconds_total", "counter", "Time spent processing jobs in this process.");
        Sample(b, "nodulescope_job_processing_seconds_total", null, counters.ProcessingSeconds);
        Family(b, "nodulescope_sends_total", "counter", "Send attempts of this process, by result.");
        Sample(b, "nodulescope_sends_total", "result=\"succeeded\"", counters.SendsSucceeded);
        Sample(b, "nodulescope_sends_total", "result=\"failed\"", counters.SendsFailed);
        Family(b, "nodulescope_dicom_associations_active", "gauge", "Open DICOM associations.");
        Sample(b, "nodulescope_dicom_associations_active", null, activeAssociations);
        Family(b, "nodulescope_storage_free_bytes", "gauge", "Free space on the storage root's file system.");
        Sample(b, "nodulescope_storage_free_bytes", null, freeBytes);
        return b.ToString();
    }

    private static void Family(StringBuilder b, string name, string type, string help) =>
        b.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n').Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void Sample(StringBuilder b, string name, string? labels, double value)
    {
        b.Append(name);
        if (labels is not null)
        {
            b.Append('{').Append(labels).Append('}');
        }

        b.Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
    }
}

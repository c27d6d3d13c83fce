using Spectre.Console;

namespace NoduleScope.Cli;

/// <summary>One bar of a progress display, or nothing when progress is not shown.</summary>
internal sealed class ProgressBar
{
    private readonly ProgressTask? task;

    public ProgressBar(ProgressTask? task)
    {
        this.task = task;
    }

    public static ProgressBar None { get; } = new(null);

    public void Update(double done, double total)
    {
        if (task is null)
        {
            return;
        }

        task.MaxValue = Math.Max(total, 1);
        task.Value = Math.Min(done, task.MaxValue);
    }

    /// <summary>Names the step in progress (for work whose size is not known in advance).</summary>
    public void Describe(string step)
    {
        if (task is not null)
        {
            task.Description = Markup.Escape(step);
        }
    }

    public void Complete()
    {
        if (task is not null)
        {
            task.Value = task.MaxValue;
        }
    }
}

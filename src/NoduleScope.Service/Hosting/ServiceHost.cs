using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Authorization;
using NoduleScope.Dicom.Network;
using NoduleScope.Pipeline;
using NoduleScope.Pipeline.Assembly;
using NoduleScope.Pipeline.Comparison;
using NoduleScope.Pipeline.Processing;
using NoduleScope.Pipeline.Queue;
using NoduleScope.Pipeline.Sending;
using NoduleScope.Pipeline.Storage;
using NoduleScope.Pipeline.Workers;
using NoduleScope.Reporting.Outputs;
using NoduleScope.Service.Api;
using NoduleScope.Service.Configuration;
using NoduleScope.Service.Review;
using NoduleScope.Service.Security;

namespace NoduleScope.Service.Hosting;

/// <summary>
/// Builds the service from its configuration: the queue (created when absent), the DICOM receiver, the study closer,
/// the worker loops, the PACS sender and the REST API. Refuses unsafe configurations before anything listens.
/// </summary>
public static class ServiceHost
{
    /// <summary>Loads <paramref name="configPath"/>, builds the service and runs it until <paramref name="cancellationToken"/> or SIGTERM.</summary>
    /// <exception cref="ServiceConfigurationException">The configuration is invalid or unsafe.</exception>
    public static async Task RunAsync(string configPath, CancellationToken cancellationToken)
    {
        var config = ServiceConfigurationLoader.Load(configPath);
        await using var app = await BuildAsync(config, cancellationToken: cancellationToken).ConfigureAwait(false);
        await app.RunAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <param name="runningAsRoot">Overrides the check of the effective user (tests); null asks the system.</param>
    public static async Task<WebApplication> BuildAsync(ServiceConfiguration config, Action<ILoggingBuilder>? logging = null, bool? runningAsRoot = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        ServiceConfigurationLoader.Validate(config);
        StartupPolicy.Check(config, runningAsRoot ?? StartupPolicy.RunningAsRoot());

        var storage = new StorageRoot(config.Storage.Root);
        var queue = CreateQueue(config, storage);
        try
        {
            await queue.InitializeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await queue.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, ApplicationName = "NoduleScope.Service" });
        builder.WebHost.UseUrls([.. config.Http.Urls]);
        if (config.Http.Tls is { } tls)
        {
            builder.WebHost.ConfigureKestrel(k => k.ConfigureHttpsDefaults(h => h.ServerCertificate = X509Certificate2.CreateFromPemFile(tls.Certificate, tls.Key)));
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffzzz ";
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter(typeof(ApiKeyAuthenticationHandler).FullName, LogLevel.Warning);
        logging?.Invoke(builder.Logging);

        var s = builder.Services;
        s.AddSingleton(config);
        s.AddSingleton(storage);
        s.AddSingleton(queue);
        s.AddSingleton<PipelineCounters>();
        s.AddSingleton(sp => new InstanceRecorder(queue, storage, sp.GetRequiredService<ILogger<InstanceRecorder>>(), sp.GetRequiredService<PipelineCounters>()));
        s.AddSingleton<DicomReceiver>();
        s.AddHostedService(sp => sp.GetRequiredService<DicomReceiver>());
        s.AddSingleton(sp => new StudyCloser(queue, TimeSpan.FromSeconds(config.Studies.CloseAfterSeconds), TimeSpan.FromSeconds(config.Studies.CheckIntervalSeconds), sp.GetRequiredService<ILogger<StudyCloser>>()));
        s.AddHostedService<StudyCloserService>();
        s.AddSingleton<IReadOnlyList<JobWorker>>(sp => CreateWorkers(config, queue, storage, sp));
        s.AddHostedService<WorkerPoolService>();
        if (config.Pacs is not null)
        {
            s.AddSingleton(sp => new ResultSender(queue, storage, new ResultSenderOptions { Pacs = PacsClient(config), WorkerId = JobWorkerOptions.NewWorkerId(0).Replace("/w0-", "/s-", StringComparison.Ordinal) },
                sp.GetRequiredService<ILogger<ResultSender>>(), sp.GetRequiredService<PipelineCounters>()));
            s.AddHostedService<ResultSenderService>();
        }

        // The core services only: the full AddAuthentication() also brings data protection, which keeps keys on disk we never use.
        s.AddAuthenticationCore(o =>
        {
            o.AddScheme<ApiKeyAuthenticationHandler>(ApiKeyAuthenticationOptions.Scheme, ApiKeyAuthenticationOptions.Scheme);
            o.DefaultScheme = ApiKeyAuthenticationOptions.Scheme;
        });
        s.AddOptions<ApiKeyAuthenticationOptions>(ApiKeyAuthenticationOptions.Scheme).Configure(o => o.Keys = config.Http.ApiKeys);
        s.AddSingleton(TimeProvider.System);
        s.AddSingleton<ReviewReportLinks>();
        s.AddSingleton<IReviewCatalog>(new ServiceReviewCatalog(queue, storage));
        s.AddWebEncoders();
        s.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder(ApiKeyAuthenticationOptions.Scheme).RequireAuthenticatedUser().Build());
        s.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "NoduleScope service";
            document.Info.Description = "Studies received over DICOM, their processing jobs, findings and result files. " +
                "Every endpoint but /health and this document needs an API key: 'Authorization: Bearer KEY' or 'X-Api-Key: KEY'.";
            return Task.CompletedTask;
        }));

        var app = builder.Build();
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments("/review") || context.Request.Path.StartsWithSegments("/api/review"))
            {
                ReviewPage.ApplyHeaders(context.Response);
            }

            return next(context);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        ApiEndpoints.Map(app);
        MapReview(app);
        return app;
    }

    /// <summary>The review page at /review/ (the bundle is static and anonymous; the page asks for an API key and sends
    /// it with every API call) and its API at /api/review/ (docs/review-api.md), actions recorded under the key's name.</summary>
    private static void MapReview(WebApplication app)
    {
        if (ReviewWebRoot.Find() is { } webRoot)
        {
            foreach (var endpoint in ReviewPage.MapAssets(app, "/review/", webRoot))
            {
                endpoint.AllowAnonymous();
            }
        }
        else
        {
            app.MapGet("/review/", () => Results.Text($"the review page is not built: run web/build.sh or set {ReviewWebRoot.EnvironmentVariable} to its dist folder\n", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound))
                .AllowAnonymous().ExcludeFromDescription();
        }

        var catalog = app.Services.GetRequiredService<IReviewCatalog>();
        var links = app.Services.GetRequiredService<ReviewReportLinks>();
        ReviewEndpoints.Map(app, catalog, links, context => context.User.Identity?.Name ?? "unknown").AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/api/review/studies/{id}/pairs", PairOverridesEndpoint.GetAsync).WithSummary("The review page's view of GET /api/studies/{id}/pairs");
        app.MapPut("/api/review/studies/{id}/pairs", PairOverridesEndpoint.PutAsync).WithSummary("The review page's pairing control: PUT /api/studies/{id}/pairs");
    }

    private static IJobQueue CreateQueue(ServiceConfiguration config, StorageRoot storage)
    {
        var q = config.Queue;
        var options = new JobQueueOptions
        {
            ModelVersion = ServiceConfigurationLoader.ModelVersion(config),
            LeaseDuration = TimeSpan.FromSeconds(q.LeaseSeconds),
            MaxAttempts = q.MaxAttempts,
            Retry = new RetryPolicy(TimeSpan.FromSeconds(q.RetryBaseSeconds), TimeSpan.FromSeconds(q.RetryMaxSeconds)),
            SendMaxAttempts = config.Pacs?.MaxAttempts ?? 10,
            SendRetry = config.Pacs is { } p ? new RetryPolicy(TimeSpan.FromSeconds(p.RetryBaseSeconds), TimeSpan.FromSeconds(p.RetryMaxSeconds)) : new RetryPolicy(TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(30)),
        };
        return q.Provider == "postgres"
            ? new PostgresJobQueue(q.Postgres!, options)
            : new SqliteJobQueue(q.SqlitePath ?? Path.Combine(storage.FullPath, "queue.db"), options);
    }

    private static List<JobWorker> CreateWorkers(ServiceConfiguration config, IJobQueue queue, StorageRoot storage, IServiceProvider sp)
    {
        var processor = new StudyJobProcessor(
            new StudyProcessor(new StudyProcessorOptions { Threshold = config.Processing.EffectiveThreshold, Outputs = OutputKindsParser.Parse(config.Processing.Outputs) }),
            config.Pacs is { } pacs ? OutputKindsParser.Parse(pacs.Send) : OutputKinds.None,
            config.Processing.CompareWithPriors ? new PriorStudyFinder(queue, storage, PriorFetcher(config, queue, sp)) : null,
            sp.GetRequiredService<ILogger<StudyJobProcessor>>());
        string? destination = config.Pacs is null ? null : ResultSenderOptions.Describe(PacsClient(config));
        var logger = sp.GetRequiredService<ILogger<JobWorker>>();
        var counters = sp.GetRequiredService<PipelineCounters>();
        return [.. Enumerable.Range(0, config.Workers.Count).Select(i => new JobWorker(queue, processor, storage,
            new JobWorkerOptions { WorkerId = JobWorkerOptions.NewWorkerId(i), PollInterval = TimeSpan.FromSeconds(config.Workers.PollSeconds), Destination = destination }, logger, counters))];
    }

    private static PacsPriorFetcher? PriorFetcher(ServiceConfiguration config, IJobQueue queue, IServiceProvider sp) =>
        config.Pacs is { FetchPriors: true }
            ? new PacsPriorFetcher(PacsClient(config), config.Dicom.AeTitle, queue, sp.GetRequiredService<ILogger<PacsPriorFetcher>>())
            : null;

    private static DicomClientOptions PacsClient(ServiceConfiguration config)
    {
        var p = config.Pacs!;
        return new DicomClientOptions
        {
            Host = p.Host,
            Port = p.Port,
            CalledAeTitle = p.AeTitle,
            CallingAeTitle = p.CallingAeTitle ?? config.Dicom.AeTitle,
            Tls = p.Tls is { } tls
                ? new DicomClientTlsOptions { ClientCertificate = DicomTlsCertificates.LoadWithKey(tls.Certificate, tls.Key), TrustedServerAuthorities = DicomTlsCertificates.LoadAll(tls.TrustedAuthorities!) }
                : null,
        };
    }
}

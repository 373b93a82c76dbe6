package dev.benchbox.platform.emr;

import dev.benchbox.BenchboxException;
import dev.benchbox.platform.PlatformProvider;
import dev.benchbox.platform.RolePolicy;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** {@code connect emr-serverless}: options checked locally, then the application found or created (or previewed). */
@Component
public final class EmrServerlessProvider implements PlatformProvider {
    @Override
    public String name() {
        return EmrServerlessPlatform.NAME;
    }

    @Override
    public List<dev.benchbox.platform.PlatformOption> options() {
        return java.util.Arrays.stream(EmrOption.values()).map(option -> new dev.benchbox.platform.PlatformOption(option.key(),
                option.description(), option.defaultValue().orElse(null), option.environmentVariable().orElse(null),
                "false".equals(option.defaultValue().orElse(null)))).toList();
    }

    /** Iceberg tables take the refresh functions; whether the schema holds them is known once connected. */
    @Override
    public Optional<String> whyNoStreamConnections() {
        return Optional.empty();
    }

    @Override
    public List<String> suggestions(String key) {
        return EmrOption.byKey(key).map(option -> switch (option) {
            case ARCHITECTURE -> java.util.Arrays.stream(dev.benchbox.cost.Architecture.values()).map(dev.benchbox.cost.Architecture::id).toList();
            case REGION -> dev.benchbox.cost.PricingTable.load().regions();
            // the default, the first 7.x release with interactive sessions, and the first of the Spark 4 line
            case RELEASE_LABEL -> java.util.stream.Stream.of(option.defaultValue().orElseThrow(),
                    dev.benchbox.platform.emr.job.ReleaseLabel.FIRST_7X_WITH_SESSIONS,
                    dev.benchbox.platform.emr.job.ReleaseLabel.FIRST_SPARK_4).distinct().toList();
            default -> List.<String>of();
        }).orElse(List.of());
    }

    @Override
    public Optional<dev.benchbox.platform.SweepDimensions> sweepDimensions() {
        return Optional.of(EmrSweepDimensions.INSTANCE);
    }

    @Override
    public Connection open(ConnectRequest request) {
        if (request.path() != null) {
            throw new BenchboxException("--path is a duckdb option; emr-serverless keeps its data in s3_staging_dir");
        }
        EmrOptions options = EmrOptions.resolve(request.options(), request.environment(), request.dryRun() != null);
        if (request.dryRun() != null) {
            return new Connection(EmrServerlessPlatform.dryRun(options, DryRunRecorder.open(request.dryRun(), request.replaceDryRun())),
                    List.of());
        }
        URI endpoint = EndpointProbe.endpointOf(options);
        request.jobProgress().step("connecting to EMR Serverless at " + dev.benchbox.Redaction.url(endpoint) + " (" + options.region() + ")");
        if (EndpointProbe.applies(request.environment())) {
            new EndpointProbe(EndpointProbe.CONNECT_TIMEOUT, EndpointProbe.ANSWER_TIMEOUT).check(endpoint);
        }
        EmrServerlessPlatform emr = EmrServerlessPlatform.connect(options, request.jobProgress());
        emr.jobProgress(request.jobProgress());
        // starting a stopped application was said as it began ("starting application ... (it was STOPPED)"): not again
        return new Connection(emr, List.of());
    }

    @Override
    public Optional<RolePolicy> rolePolicy(Map<String, String> options, Map<String, String> environment) {
        IamPolicy.Scope scope = EmrOptions.rolePolicyScope(options, environment);
        return Optional.of(new RolePolicy(IamPolicy.executionRolePolicy(scope),
                IamPolicy.trustPolicy(scope.accountId(), scope.partition(), scope.region()), IamPolicy.callerPolicy(scope)));
    }
}

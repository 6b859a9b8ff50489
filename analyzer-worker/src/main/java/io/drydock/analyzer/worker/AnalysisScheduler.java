package io.drydock.analyzer.worker;

import io.drydock.platform.catalog.AnalysisJob;
import io.drydock.platform.catalog.AnalysisJobRepository;
import io.drydock.platform.events.ServiceIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps up to {@code concurrency} analyses running in this process: claims jobs (fairest first) while slots are free,
 * when woken by an event, when an analysis finishes, and on a timer.
 */
@Component
public class AnalysisScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AnalysisScheduler.class);

    private final AnalysisJobRepository jobs;
    private final AnalysisRunner runner;
    private final AnalyzerProperties properties;
    private final TransactionTemplate transactions;
    private final ServiceIdentity identity;
    private final Clock clock;
    private final AtomicInteger running = new AtomicInteger();
    private volatile ExecutorService executor;

    public AnalysisScheduler(AnalysisJobRepository jobs, AnalysisRunner runner, AnalyzerProperties properties,
                             TransactionTemplate transactions, ServiceIdentity identity, Clock clock) {
        this.jobs = jobs;
        this.runner = runner;
        this.properties = properties;
        this.transactions = transactions;
        this.identity = identity;
        this.clock = clock;
    }

    @Override
    public void start() {
        if (properties.enabled()) {
            executor = Executors.newFixedThreadPool(properties.effectiveConcurrency(),
                    Thread.ofPlatform().name("analysis-", 1).factory());
            log.info("Analyzer running up to {} analyses at once", properties.effectiveConcurrency());
        }
    }

    @Override
    public void stop() {
        ExecutorService current = executor;
        executor = null;
        if (current != null) {
            // Running analyses are abandoned: their leases expire and another worker takes the jobs over.
            current.shutdownNow();
            try {
                current.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    @Scheduled(fixedDelayString = "${drydock.analyzer.poll-interval:5s}")
    public void poll() {
        wake();
    }

    /** Claims jobs while slots are free. */
    public synchronized void wake() {
        ExecutorService current = executor;
        while (current != null && running.get() < properties.effectiveConcurrency()) {
            Optional<AnalysisJob> job;
            try {
                job = transactions.execute(s -> jobs.claim(identity.hostId(), properties.lease(), clock.instant()));
            } catch (RuntimeException e) {
                log.warn("Could not claim analysis jobs; will retry: {}", e.getMessage());
                return;
            }
            if (job == null || job.isEmpty()) {
                return;
            }
            running.incrementAndGet();
            AnalysisJob claimed = job.get();
            try {
                current.execute(() -> {
                    try {
                        runner.run(claimed);
                    } finally {
                        running.decrementAndGet();
                        wake();
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                running.decrementAndGet();
                return;
            }
        }
    }

    /** Analyses running in this process now. */
    public int running() {
        return running.get();
    }
}

package io.wabaflow.sync.rebuild;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.wabaflow.sync.SyncProperties;

/**
 * Keeps this instance in line with the control table, every {@code wabaflow.sync.supervisor-interval-ms}:
 * the generations that are built or serve reads have their schema migrated and their consumers running,
 * the others don't; a building generation whose group has reached its target offsets is switched to
 * serve reads. Every instance runs it, so a rebuild asked of one instance is shared by all (they join
 * the same consumer group) and survives restarts. The first start of a fresh database begins generation
 * 1 as a build: reads answer 503 until it has caught up, never half-built data.
 */
@Component
public class GenerationSupervisor {

	private static final Logger log = LoggerFactory.getLogger(GenerationSupervisor.class);

	private final Generations generations;

	private final GenerationSchemas schemas;

	private final ProjectionConsumers consumers;

	private final SourceTopics topics;

	private final Clock clock;

	private final SyncProperties properties;

	private final ConsumerHolds holds;

	private volatile boolean started;

	GenerationSupervisor(Generations generations, GenerationSchemas schemas, ProjectionConsumers consumers,
			SourceTopics topics, Clock clock, SyncProperties properties, ConsumerHolds holds) {
		this.properties = properties;
		this.holds = holds;
		this.generations = generations;
		this.schemas = schemas;
		this.consumers = consumers;
		this.topics = topics;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		started = true;
		reconcile();
	}

	@Scheduled(fixedDelayString = "${wabaflow.sync.supervisor-interval-ms:500}")
	void tick() {
		if (started) {
			try {
				reconcile();
			}
			catch (RuntimeException e) {
				log.warn("Reconciling projection generations failed; next attempt in the next tick", e);
			}
		}
	}

	synchronized void reconcile() {
		List<Generation> all = generations.list();
		if (all.isEmpty()) {
			try {
				generations.createBuilding(1, Generation.groupIdOf(properties.groupPrefix(), 1), topics.endOffsets(), clock.instant());
			}
			catch (RuntimeException anotherInstanceWasFaster) {
				log.debug("Generation 1 already registered", anotherInstanceWasFaster);
			}
			all = generations.list();
		}
		Set<String> held = holds.held();
		for (Generation generation : all) {
			if (generation.consuming() && !held.contains(generation.groupId())) {
				schemas.migrate(generation.schemaName());
				consumers.ensureRunning(generation);
			}
			else {
				consumers.stop(generation.number());
			}
		}
		for (Generation generation : all) {
			if (Generation.BUILDING.equals(generation.state()) && caughtUp(generation)) {
				if (generations.activate(generation.number(), clock.instant())) {
					log.info("Generation {} caught up with {} and now serves reads", generation.number(),
							generation.targetOffsets());
				}
				generations.list().stream().filter(g -> !g.consuming()).forEach(g -> consumers.stop(g.number()));
			}
		}
	}

	/** Whether a generation's group has committed at least the end offsets captured when its build started. */
	boolean caughtUp(Generation generation) {
		Map<String, Long> committed = topics.committed(generation.groupId());
		return lag(generation.targetOffsets(), committed) == 0;
	}

	static long lag(Map<String, Long> targets, Map<String, Long> committed) {
		long lag = 0;
		for (Map.Entry<String, Long> target : targets.entrySet()) {
			long done = committed.getOrDefault(target.getKey(), 0L);
			lag += Math.max(0, target.getValue() - done);
		}
		return lag;
	}
}

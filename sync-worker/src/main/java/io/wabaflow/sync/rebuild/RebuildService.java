package io.wabaflow.sync.rebuild;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import io.wabaflow.sync.SyncProperties;

/**
 * Rebuilds the projections from the topics, blue/green: a new generation (fresh schema, fresh consumer
 * group reading every source topic from the beginning) is built beside the one serving reads, and reads
 * switch to it in one transaction when it has consumed everything that existed when the rebuild began.
 * The previous generation stops consuming at the switch and keeps its tables (to compare, or to switch
 * back by hand) until the next rebuild, which drops it.
 */
@Component
public class RebuildService {

	private final Generations generations;

	private final GenerationSchemas schemas;

	private final ProjectionConsumers consumers;

	private final SourceTopics topics;

	private final GenerationSupervisor supervisor;

	private final Clock clock;

	private final SyncProperties properties;

	RebuildService(Generations generations, GenerationSchemas schemas, ProjectionConsumers consumers,
			SourceTopics topics, GenerationSupervisor supervisor, Clock clock, SyncProperties properties) {
		this.generations = generations;
		this.schemas = schemas;
		this.consumers = consumers;
		this.topics = topics;
		this.supervisor = supervisor;
		this.clock = clock;
		this.properties = properties;
	}

	/** Starts a rebuild, or returns the one in progress (second of the pair: false). */
	public synchronized Map.Entry<Generation, Boolean> start() {
		Optional<Generation> inProgress = generations.building();
		if (inProgress.isPresent()) {
			return Map.entry(inProgress.get(), false);
		}
		for (Generation retired : generations.list()) {
			if (Generation.RETIRED.equals(retired.state())) {
				drop(retired);
			}
		}
		int number = generations.nextNumber();
		Generation generation = generations.createBuilding(number, Generation.groupIdOf(properties.groupPrefix(), number), topics.endOffsets(),
				clock.instant());
		supervisor.reconcile();
		return Map.entry(generation, true);
	}

	/** Drops a retired generation: its tables and its consumer group. */
	public synchronized boolean dropRetired(int number) {
		Optional<Generation> generation = generations.list().stream()
				.filter(g -> g.number() == number && Generation.RETIRED.equals(g.state())).findFirst();
		generation.ifPresent(this::drop);
		return generation.isPresent();
	}

	private void drop(Generation generation) {
		consumers.stop(generation.number());
		schemas.drop(generation.schemaName());
		topics.deleteGroup(generation.groupId());
		generations.markDropped(generation.number(), clock.instant());
	}

	/** What is served, what is being built and how far it is. */
	public Map<String, Object> status() {
		Map<String, Object> status = new LinkedHashMap<>();
		List<Generation> all = generations.list();
		Generation active = all.stream().filter(g -> Generation.ACTIVE.equals(g.state())).findFirst().orElse(null);
		Generation building = all.stream().filter(g -> Generation.BUILDING.equals(g.state())).findFirst().orElse(null);
		status.put("active", active == null ? null : describe(active, false));
		status.put("building", building == null ? null : describe(building, true));
		List<Map<String, Object>> list = new ArrayList<>();
		for (Generation generation : all) {
			Map<String, Object> item = new LinkedHashMap<>();
			item.put("generation", generation.number());
			item.put("state", generation.state());
			item.put("schema", generation.schemaName());
			item.put("group_id", generation.groupId());
			item.put("requested_at", generation.requestedAt());
			item.put("activated_at", generation.activatedAt());
			item.put("retired_at", generation.retiredAt());
			item.put("dropped_at", generation.droppedAt());
			list.add(item);
		}
		status.put("generations", list);
		return status;
	}

	private Map<String, Object> describe(Generation generation, boolean withProgress) {
		Map<String, Object> description = new LinkedHashMap<>();
		description.put("generation", generation.number());
		description.put("schema", generation.schemaName());
		description.put("group_id", generation.groupId());
		description.put("requested_at", generation.requestedAt());
		description.put("activated_at", generation.activatedAt());
		description.put("consuming", consumers.running(generation.number()));
		Map<String, Long> committed = topics.committed(generation.groupId());
		if (withProgress) {
			List<Map<String, Object>> partitions = new ArrayList<>();
			generation.targetOffsets().forEach((partition, target) -> {
				long done = committed.getOrDefault(partition, 0L);
				Map<String, Object> item = new LinkedHashMap<>();
				int colon = partition.lastIndexOf(':');
				item.put("topic", partition.substring(0, colon));
				item.put("partition", Integer.parseInt(partition.substring(colon + 1)));
				item.put("target_offset", target);
				item.put("committed_offset", done);
				item.put("lag", Math.max(0, target - done));
				partitions.add(item);
			});
			description.put("lag", GenerationSupervisor.lag(generation.targetOffsets(), committed));
			description.put("partitions", partitions);
		}
		description.put("estimated_rows", schemas.estimatedRowCounts(generation.schemaName()));
		return description;
	}
}

package io.wabaflow.ops.replay;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import io.wabaflow.ops.kafka.Durations;
import io.wabaflow.ops.kafka.KafkaOptions;
import io.wabaflow.schemas.ConsumerGroups;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Moves a consumer group's committed offsets back so that it re-reads records. A dry run unless
 * {@code --execute}; refuses while the group has live members (Kafka would overwrite the reset with their
 * next commit) and, without {@code --i-know}, for groups whose processing has side effects (sending
 * messages, onboarding calls to Meta).
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
		description = "Reset a consumer group's offsets so it re-reads its topics. Dry run unless --execute.")
public final class ReplayCommand implements Callable<Integer> {

	static final int REFUSED = 2;

	@Mixin
	KafkaOptions kafka;

	@Spec
	CommandSpec spec;

	@Option(names = "--group", required = true, description = "Consumer group, e.g. wabaflow-sync.")
	String group;

	@ArgGroup(exclusive = true, multiplicity = "1")
	Target target;

	static final class Target {

		@Option(names = "--to-earliest", description = "Re-read everything still retained.")
		boolean earliest;

		@Option(names = "--to-datetime", description = "Re-read from this instant, ISO-8601 (2026-11-22T10:00:00Z).")
		String datetime;

		@Option(names = "--by-duration", description = "Re-read the last duration: 30m, 2h, 1d, PT6H.")
		String duration;
	}

	@Option(names = "--topic", description = "Only these topics of the group (default: all it has offsets for).")
	List<String> topics;

	@Option(names = "--execute", description = "Apply the reset (without it: print the plan only).")
	boolean execute;

	@Option(names = "--i-know", description = "Allow replaying a group whose processing has side effects.")
	boolean iKnow;

	@Override
	public Integer call() throws ExecutionException, InterruptedException {
		PrintWriter out = spec.commandLine().getOut();
		PrintWriter err = spec.commandLine().getErr();
		try (Admin admin = kafka.admin()) {
			Map<TopicPartition, OffsetAndMetadata> committed = new TreeMap<>(
					java.util.Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition));
			admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().forEach((tp, om) -> {
				if (om != null && (topics == null || topics.contains(tp.topic()))) {
					committed.put(tp, om);
				}
			});
			if (committed.isEmpty()) {
				err.printf("Group %s has no committed offsets%s: nothing to replay.%n", group,
						topics == null ? "" : " on " + topics);
				return REFUSED;
			}
			Map<TopicPartition, Long> targets = targets(admin, committed);

			out.printf("Replay plan for group %s (%s):%n", group, execute ? "executing" : "dry run");
			long total = 0;
			for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
				long from = e.getValue().offset();
				long to = targets.get(e.getKey());
				total += Math.max(0, from - to);
				out.printf("  %s-%d: %d -> %d (%d records re-read)%n", e.getKey().topic(), e.getKey().partition(), from,
						to, Math.max(0, from - to));
			}
			out.printf("  %d records would be re-read in total.%n", total);

			if (ConsumerGroups.sideEffecting(group) && !iKnow) {
				err.printf("Refused: %s calls Meta for what it consumes (sends messages / onboards); replaying it "
						+ "repeats those calls. Add --i-know if that is really what you want.%n", group);
				return REFUSED;
			}
			ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups()
					.get(group).get();
			if (!description.members().isEmpty()) {
				err.printf("Refused: group %s has %d live member(s) (%s); they would overwrite the reset with their next "
						+ "commit. Stop the service that owns the group first. For the sync projections, "
						+ "`wabaflow rebuild sync-projections` rebuilds without stopping anything.%n", group,
						description.members().size(),
						String.join(", ", description.members().stream().map(m -> m.clientId() + "@" + m.host()).toList()));
				return REFUSED;
			}
			if (!execute) {
				out.println("Dry run: nothing changed. Add --execute to apply.");
				out.flush();
				return 0;
			}
			Map<TopicPartition, OffsetAndMetadata> reset = new HashMap<>();
			targets.forEach((tp, offset) -> reset.put(tp, new OffsetAndMetadata(offset)));
			admin.alterConsumerGroupOffsets(group, reset).all().get();
			out.printf("Reset %d partition(s) of group %s.%n", reset.size(), group);
		}
		out.flush();
		return 0;
	}

	private Map<TopicPartition, Long> targets(Admin admin, Map<TopicPartition, OffsetAndMetadata> committed)
			throws ExecutionException, InterruptedException {
		OffsetSpec spec;
		if (target.earliest) {
			spec = OffsetSpec.earliest();
		}
		else {
			Instant instant = target.datetime != null ? Instant.parse(target.datetime)
					: Instant.now().minus(Durations.parse(target.duration));
			spec = OffsetSpec.forTimestamp(instant.toEpochMilli());
		}
		Map<TopicPartition, OffsetSpec> query = new HashMap<>();
		committed.keySet().forEach(tp -> query.put(tp, spec));
		Map<TopicPartition, ListOffsetsResultInfo> found = admin.listOffsets(query).all().get();
		Map<TopicPartition, OffsetSpec> latestQuery = new HashMap<>();
		committed.keySet().forEach(tp -> latestQuery.put(tp, OffsetSpec.latest()));
		Map<TopicPartition, ListOffsetsResultInfo> latest = admin.listOffsets(latestQuery).all().get();
		Map<TopicPartition, Long> targets = new HashMap<>();
		for (TopicPartition tp : committed.keySet()) {
			long offset = found.get(tp).offset();
			// no record at or after the instant: nothing to re-read in that partition
			long target = offset < 0 ? latest.get(tp).offset() : offset;
			// a replay only goes back: never skip records the group has not read yet
			targets.put(tp, Math.min(target, committed.get(tp).offset()));
		}
		return targets;
	}
}

package io.wabaflow.ops.replay;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;

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

	@Option(names = "--stop-via", description = "The service owning the group (e.g. http://localhost:8083): "
			+ "its consumers of the group are held while the offsets are reset, then released.")
	String stopVia;

	@Option(names = "--api-key", defaultValue = "${env:WABAFLOW_API_KEY}",
			description = "API key of the service of --stop-via (env WABAFLOW_API_KEY).")
	String apiKey;

	private static final Duration MEMBERS_LEAVE_WITHIN = Duration.ofSeconds(60);

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
			ConsumerGroupDescription description = describe(admin);
			if (!description.members().isEmpty() && stopVia == null) {
				err.printf("Refused: group %s has %d live member(s) (%s); they would overwrite the reset with their next "
						+ "commit. Stop the service that owns the group, or let this command hold its consumers with "
						+ "--stop-via <service URL>. For the sync projections, `wabaflow rebuild sync-projections` "
						+ "rebuilds without stopping anything.%n", group, description.members().size(),
						String.join(", ", description.members().stream().map(m -> m.clientId() + "@" + m.host()).toList()));
				return REFUSED;
			}
			if (!execute) {
				if (stopVia != null) {
					out.printf("Would hold the group's consumers through %s during the reset.%n", stopVia);
				}
				out.println("Dry run: nothing changed. Add --execute to apply.");
				out.flush();
				return 0;
			}
			OwningService owner = stopVia == null ? null : new OwningService(stopVia, apiKey);
			if (owner != null) {
				owner.hold(group);
				out.printf("Holding the consumers of %s through %s.%n", group, stopVia);
			}
			try {
				awaitNoMembers(admin);
				Map<TopicPartition, OffsetAndMetadata> reset = new HashMap<>();
				targets.forEach((tp, offset) -> reset.put(tp, new OffsetAndMetadata(offset)));
				admin.alterConsumerGroupOffsets(group, reset).all().get();
				out.printf("Reset %d partition(s) of group %s.%n", reset.size(), group);
			}
			finally {
				if (owner != null) {
					owner.release(group); // also after a failed reset: never leave a projection stopped
					out.printf("Released the consumers of %s.%n", group);
				}
			}
		}
		out.flush();
		return 0;
	}

	private ConsumerGroupDescription describe(Admin admin) throws ExecutionException, InterruptedException {
		return admin.describeConsumerGroups(List.of(group)).describedGroups().get(group).get();
	}

	/** Members leave a group asynchronously after their consumers stop. */
	private void awaitNoMembers(Admin admin) throws ExecutionException, InterruptedException {
		Instant deadline = Instant.now().plus(MEMBERS_LEAVE_WITHIN);
		while (!describe(admin).members().isEmpty()) {
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException("group " + group + " still has members after " + MEMBERS_LEAVE_WITHIN
						+ "; nothing was reset");
			}
			LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
		}
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

package io.wabaflow.ops.topics;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import io.wabaflow.ops.kafka.KafkaOptions;
import io.wabaflow.schemas.TopicSpec;
import io.wabaflow.schemas.Topics;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Every catalogue topic (and its retry and dead-letter topics) with end offsets and each group's lag. */
@Command(name = "topics", mixinStandardHelpOptions = true,
		description = "List the catalogue topics with partitions, end offsets and the lag of every consumer group.")
public final class TopicsCommand implements Callable<Integer> {

	@Mixin
	KafkaOptions kafka;

	@Spec
	CommandSpec spec;

	@Override
	public Integer call() throws ExecutionException, InterruptedException {
		PrintWriter out = spec.commandLine().getOut();
		try (Admin admin = kafka.admin()) {
			Set<String> existing = admin.listTopics().names().get();
			Set<String> ours = new TreeSet<>();
			existing.stream().filter(name -> Topics.find(name).isPresent()).forEach(ours::add);
			Map<String, TopicDescription> descriptions = ours.isEmpty() ? Map.of()
					: admin.describeTopics(ours).allTopicNames().get();
			Map<TopicPartition, Long> ends = endOffsets(admin, descriptions);
			Map<String, Map<TopicPartition, Long>> committedByGroup = committedOffsets(admin);

			out.printf("%-48s %5s %12s  %s%n", "TOPIC", "PARTS", "END-OFFSETS", "KEY -> VALUE");
			for (TopicSpec spec : Topics.ALL) {
				if (!existing.contains(spec.name())) {
					out.printf("%-48s %5s %12s  (missing: services create it at start-up)%n", spec.name(), "-", "-");
				}
			}
			for (String topic : ours) {
				TopicSpec owner = Topics.find(topic).orElseThrow();
				long end = ends.entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
						.mapToLong(Map.Entry::getValue).sum();
				String what = topic.equals(owner.name())
						? owner.keyMeaning() + " -> " + owner.valueType().getSimpleName()
						: "(of " + owner.name() + ")";
				out.printf("%-48s %5d %12d  %s%n", topic, descriptions.get(topic).partitions().size(), end, what);
				committedByGroup.forEach((group, committed) -> {
					long lag = 0;
					boolean consumes = false;
					for (Map.Entry<TopicPartition, Long> e : committed.entrySet()) {
						if (e.getKey().topic().equals(topic)) {
							consumes = true;
							lag += Math.max(0, ends.getOrDefault(e.getKey(), 0L) - e.getValue());
						}
					}
					if (consumes) {
						out.printf("    group %-40s lag %d%n", group, lag);
					}
				});
			}
		}
		out.flush();
		return 0;
	}

	private static Map<TopicPartition, Long> endOffsets(Admin admin, Map<String, TopicDescription> descriptions)
			throws ExecutionException, InterruptedException {
		Map<TopicPartition, OffsetSpec> query = new HashMap<>();
		descriptions.forEach((topic, description) -> description.partitions()
				.forEach(p -> query.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
		Map<TopicPartition, Long> ends = new HashMap<>();
		if (!query.isEmpty()) {
			admin.listOffsets(query).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
		}
		return ends;
	}

	private static Map<String, Map<TopicPartition, Long>> committedOffsets(Admin admin)
			throws ExecutionException, InterruptedException {
		List<String> groups = new ArrayList<>();
		for (ConsumerGroupListing listing : admin.listConsumerGroups().all().get()) {
			groups.add(listing.groupId());
		}
		Map<String, Map<TopicPartition, Long>> result = new TreeMap<>();
		if (groups.isEmpty()) {
			return result;
		}
		Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
		groups.forEach(group -> specs.put(group, new ListConsumerGroupOffsetsSpec()));
		Map<String, Map<TopicPartition, OffsetAndMetadata>> all = admin.listConsumerGroupOffsets(specs).all().get();
		all.forEach((group, offsets) -> {
			Map<TopicPartition, Long> committed = new HashMap<>();
			offsets.forEach((tp, om) -> {
				if (om != null) {
					committed.put(tp, om.offset());
				}
			});
			result.put(group, committed);
		});
		return result;
	}
}

package io.wabaflow.sender.send;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

import io.wabaflow.platform.kafka.PoisonRecordException;
import io.wabaflow.schemas.ConsumerGroups;
import io.wabaflow.schemas.send.SendMessage;

/**
 * {@code wabaflow.commands.send.v1}, a poll at a time, into {@link Intake}. Batches because the intake is
 * a few statements per poll, not per command; the consumer thread never waits for a number's rate (the
 * lanes do, asynchronously), so one busy number never holds up the partition. Also tells the pipeline
 * which partitions this instance owns, for recovery.
 */
@Component
class SendCommandListener implements ConsumerSeekAware {

	static final String ID = "sender-commands";

	private final Intake intake;

	private final InFlight inFlight;

	private final Retries retries;

	private final Recovery recovery;

	SendCommandListener(Intake intake, InFlight inFlight, Retries retries, Recovery recovery) {
		this.intake = intake;
		this.inFlight = inFlight;
		this.retries = retries;
		this.recovery = recovery;
	}

	@KafkaListener(id = ID, groupId = ConsumerGroups.SENDER, topics = "#{T(io.wabaflow.schemas.Topics).SEND_COMMANDS.name()}",
			batch = "true")
	void on(List<ConsumerRecord<String, SpecificRecord>> records) {
		List<Intake.Incoming> commands = new ArrayList<>(records.size());
		for (int i = 0; i < records.size(); i++) {
			ConsumerRecord<String, SpecificRecord> record = records.get(i);
			if (!(record.value() instanceof SendMessage command)) {
				intake.accept(commands); // the good ones before it; the container dead-letters this one
				String what = record.value() == null ? "an undecodable record" : "a " + record.value().getClass().getSimpleName();
				throw new BatchListenerFailedException("Not a SendMessage",
						new PoisonRecordException(what + " on the send command topic"), i);
			}
			commands.add(new Intake.Incoming(command, record.partition()));
		}
		intake.accept(commands);
	}

	@Override
	public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
		inFlight.assigned(assignments.keySet().stream().map(TopicPartition::partition).toList());
		recovery.sweepSoon();
	}

	@Override
	public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
		List<Integer> lost = partitions.stream().map(TopicPartition::partition).toList();
		inFlight.revoked(lost);
		retries.drop(lost); // their queued sends are the new owner's now (it recovers them from the table)
	}
}

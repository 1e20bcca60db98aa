package io.wabaflow.sender.template;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import io.wabaflow.platform.kafka.PoisonRecordException;
import io.wabaflow.schemas.ConsumerGroups;
import io.wabaflow.schemas.template.TemplateCommand;

/**
 * {@code wabaflow.commands.templates.v1}: each command to {@link TemplateCommands}, one at a time. Template commands
 * are few (a business creates a handful a month), so the listener waits for Meta's answer rather than keeping
 * commands in flight: the container's plain path, in order per WABA, retried with the platform's back-off when Meta
 * is away and dead-lettered after. The offset is committed once the outcome is kept and published.
 */
@Component
class TemplateCommandListener {

	/** Meta's answer to a template call, and the outcome's publication, well within Kafka's poll interval. */
	private static final Duration PATIENCE = Duration.ofMinutes(2);

	private final TemplateCommands commands;

	TemplateCommandListener(TemplateCommands commands) {
		this.commands = commands;
	}

	@KafkaListener(id = "sender-template-commands", groupId = ConsumerGroups.SENDER + "-template-commands",
			topics = "#{T(io.wabaflow.schemas.Topics).TEMPLATE_COMMANDS.name()}")
	void on(ConsumerRecord<String, Object> record) throws InterruptedException, TimeoutException {
		if (!(record.value() instanceof TemplateCommand command) || command.getCommandId() == null) {
			throw new PoisonRecordException("Not a TemplateCommand with a command id");
		}
		try {
			commands.handle(command).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException e) {
			Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause()
					: e.getCause();
			throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
		}
	}
}

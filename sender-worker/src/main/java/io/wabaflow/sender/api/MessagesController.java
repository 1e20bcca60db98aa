package io.wabaflow.sender.api;

import java.time.Instant;
import java.util.Locale;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.wabaflow.platform.access.NotOwnedException;
import io.wabaflow.platform.access.Principal;
import io.wabaflow.platform.access.RequiresScope;
import io.wabaflow.platform.access.Scope;
import io.wabaflow.sender.send.Send;
import io.wabaflow.sender.send.SendStore;

/**
 * {@code GET /api/v1/messages/{command_id}}: where a command is in the sender's lifecycle, for a key with
 * scope {@code read} of the command's tenant (or an operator key). Another tenant's command id gets the
 * very answer an unknown one gets (404, same body), so nothing tells a tenant that the id exists.
 */
@RestController
class MessagesController {

	private final SendStore store;

	MessagesController(SendStore store) {
		this.store = store;
	}

	@GetMapping("/api/v1/messages/{commandId}")
	@RequiresScope(Scope.READ)
	MessageView message(@PathVariable String commandId, Principal caller) {
		String unknown = "The sender has no command " + commandId;
		// two walls: row-level security hides another tenant's row from this read, and the check below
		// refuses it should a read ever return one
		Send send = store.findFor(caller, commandId).orElseThrow(() -> new NotOwnedException(unknown));
		NotOwnedException.check(caller, send.tenantId(), unknown);
		return view(send);
	}

	static MessageView view(Send send) {
		MessageView.Error error = send.errorCode() == null && send.errorTitle() == null && send.errorDetails() == null
				? null : new MessageView.Error(send.errorCode(), send.errorTitle(), send.errorDetails());
		return new MessageView(send.commandId(), send.phoneNumberId(), send.recipient(),
				send.messageType().toLowerCase(Locale.ROOT), send.state().name().toLowerCase(Locale.ROOT), send.reason(),
				send.wamid(), send.waId(), send.attempt(), send.nextAttemptAt(), error, send.sender().toLowerCase(Locale.ROOT),
				send.replyTo(), send.receivedAt(), send.updatedAt());
	}

	/**
	 * A command as the sender sees it. {@code state}: pending, intended, sent, failed, rejected, unknown;
	 * {@code reason}: why it was rejected or failed, or which retry it waits for.
	 */
	record MessageView(String commandId, String phoneNumberId, String to, String type, String state, String reason,
			String wamid, String waId, int attempts, Instant nextAttemptAt, Error error, String sender, String replyTo,
			Instant receivedAt, Instant updatedAt) {

		/** Meta's error (or ours, for rejections): code, title, details. */
		record Error(Integer code, String title, String details) {
		}
	}
}

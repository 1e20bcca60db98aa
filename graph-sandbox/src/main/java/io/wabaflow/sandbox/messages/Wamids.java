package io.wabaflow.sandbox.messages;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.springframework.stereotype.Component;

import io.wabaflow.sandbox.runtime.SandboxRandom;

/**
 * Message ids shaped like Meta's: {@code wamid.} + base64 of a small record holding the user's wa_id and a hex
 * message id (e.g. {@code wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJDQjZCMzlEQUE4OTJBMTE4RTUA}). Clients must treat them as
 * opaque; the realistic shape only keeps length and charset assumptions honest. Call ids ({@code wacid.}) are
 * built the same way, as Meta's are.
 */
@Component
public class Wamids {

	private final SandboxRandom random;

	Wamids(SandboxRandom random) {
		this.random = random;
	}

	public String outbound(String waId) {
		return "wamid." + encode(waId, 0x11, random.hex(18).toUpperCase());
	}

	public String inbound(String waId) {
		return "wamid." + encode(waId, 0x12, random.hex(20).toUpperCase());
	}

	/** The id of a call with this user (Calling API): {@code wacid.} + the same kind of record. */
	public String call(String waId) {
		return "wacid." + encode(waId, 0x12, random.hex(32).toUpperCase());
	}

	private static String encode(String waId, int direction, String hexId) {
		byte[] user = waId.getBytes(StandardCharsets.US_ASCII);
		byte[] id = hexId.getBytes(StandardCharsets.US_ASCII);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(0x1C);
		out.write(0x18);
		out.write(user.length);
		out.writeBytes(user);
		out.write(0x15);
		out.write(0x02);
		out.write(0x00);
		out.write(direction);
		out.write(0x18);
		out.write(id.length);
		out.writeBytes(id);
		out.write(0x00);
		return Base64.getEncoder().encodeToString(out.toByteArray());
	}
}

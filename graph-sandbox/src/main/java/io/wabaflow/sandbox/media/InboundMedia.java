package io.wabaflow.sandbox.media;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import io.wabaflow.sandbox.messages.InboundMessages;
import io.wabaflow.sandbox.runtime.Choices;
import io.wabaflow.sandbox.runtime.Json;
import io.wabaflow.sandbox.world.PhoneNumber;
import io.wabaflow.sandbox.world.World;
import tools.jackson.databind.node.ObjectNode;

/**
 * A user sends a photo, a voice note, a document, a video or a sticker: the file goes into the media library and
 * the messages webhook carries it as Meta's 2026 webhooks do (peer-webhooks 012-016), e.g.
 * {@code "image":{"caption","mime_type","sha256","id","url"}}, {@code "audio":{…,"voice":true}},
 * {@code "document":{"caption","filename",…}}, {@code "sticker":{…,"animated":false}}. The {@code url} is a
 * download URL like the one {@code GET /{media-id}} hands out.
 */
@Component
public class InboundMedia {

	static final List<String> TYPES = List.of("image", "audio", "document", "video", "sticker");

	/** What a user type sends by default, per message type (a voice note is Opus in Ogg, as WhatsApp records it). */
	private static final Map<String, String> DEFAULT_MIME_TYPES = Map.of("image", "image/jpeg", "document",
			"application/pdf", "video", "video/mp4", "sticker", "image/webp");

	private static final int DEFAULT_SIZE = 2048;

	/**
	 * The media message: an existing {@code mediaId}, or a new file of {@code bytes} (else {@code size} generated
	 * bytes) and {@code mimeType} (else the type's usual one). {@code caption} for image, video and document,
	 * {@code filename} for document, {@code voice} for audio, {@code animated} for sticker.
	 */
	public record Request(String from, String name, String type, String mediaId, String mimeType, byte[] bytes,
			Integer size, String caption, String filename, boolean voice, boolean animated, String contextMessageId,
			String username, boolean phoneHidden) {
	}

	/** The injected message: its wamid, the user's BSUID, the media (and the URL the webhook carried). */
	public record Received(String wamid, String userId, String mediaId, String mimeType, String sha256,
			long fileSize, String url, List<String> deliveryIds) {
	}

	private final MediaLibrary library;
	private final MediaUrls urls;
	private final InboundMessages inbound;
	private final World world;

	InboundMedia(MediaLibrary library, MediaUrls urls, InboundMessages inbound, World world) {
		this.library = library;
		this.urls = urls;
		this.inbound = inbound;
		this.world = world;
	}

	/** {@code baseUrl}: where the webhook's media URL points (the sandbox as the scenario reached it). */
	public Received receive(String phoneNumberId, Request request, String baseUrl) {
		PhoneNumber phone = world.requirePhone(phoneNumberId);
		String type = Choices.oneOf("type", request.type(), TYPES);
		MediaFile file = request.mediaId() != null ? library.require(request.mediaId()) : newFile(phone, type, request);
		String url = urls.mint(file.id(), baseUrl);
		InboundMessages.Injected injected = inbound.inject(phoneNumberId, new InboundMessages.Inbound(request.from(),
				request.name(), type, null, content(type, file, url, request), request.contextMessageId(), null,
				request.username(), request.phoneHidden(), null));
		return new Received(injected.wamid(), injected.userId(), file.id(), file.mimeType(), file.sha256(),
				file.size(), url, injected.deliveryIds());
	}

	private MediaFile newFile(PhoneNumber phone, String type, Request request) {
		String mimeType = request.mimeType() != null ? request.mimeType()
				: type.equals("audio") ? (request.voice() ? "audio/ogg; codecs=opus" : "audio/mpeg")
						: DEFAULT_MIME_TYPES.get(type);
		if (request.bytes() != null) {
			return library.add(phone, mimeType, request.filename(), request.bytes());
		}
		return library.addGenerated(phone, mimeType, request.filename(),
				request.size() == null ? DEFAULT_SIZE : request.size());
	}

	/** The {@code <type>} object, its keys in the order of Meta's examples. */
	private static ObjectNode content(String type, MediaFile file, String url, Request request) {
		ObjectNode content = Json.object();
		boolean captioned = List.of("image", "video", "document").contains(type);
		if (captioned && request.caption() != null) {
			content.put("caption", request.caption());
		}
		String filename = request.filename() != null ? request.filename() : file.filename();
		if (type.equals("document") && filename != null) {
			content.put("filename", filename);
		}
		content.put("mime_type", file.mimeType());
		content.put("sha256", file.sha256());
		content.put("id", file.id());
		content.put("url", url);
		if (type.equals("audio")) {
			content.put("voice", request.voice());
		}
		if (type.equals("sticker")) {
			content.put("animated", request.animated());
		}
		return content;
	}
}

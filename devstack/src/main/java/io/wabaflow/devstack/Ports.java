package io.wabaflow.devstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Checks every port the devstack needs before starting anything, so a clash is one clear line. */
public final class Ports {

	private Ports() {
	}

	/** The ports already in use, described as "what (variable) port". */
	static List<String> taken(Map<String, Integer> portsByName) {
		List<String> taken = new ArrayList<>();
		portsByName.forEach((name, port) -> {
			if (!free(port)) {
				taken.add(name + " " + port);
			}
		});
		return taken;
	}

	static boolean free(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			return true;
		}
		catch (IOException inUse) {
			return false;
		}
	}

	/** A port that was free a moment ago (tests, and the system tests' fixed ports). */
	public static int anyFree() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}
}

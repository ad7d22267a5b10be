package dev.sigil.fleet.cli;

import java.net.InetAddress;

/** Who is at the keyboard, as the audit trail records it: the OS user and the host. */
final class Operator {

    private Operator() {
    }

    static String name() {
        String user = System.getProperty("user.name", "unknown");
        try {
            return user + "@" + InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return user;
        }
    }
}

package io.modelfleet.api.security;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;

/** The key failed authentications are counted under. */
public final class ClientAddress {

    private ClientAddress() {
    }

    /**
     * An IPv4 address as itself; an IPv6 address by its /64 prefix, since a single client normally holds a whole
     * /64 and could otherwise spread guesses over 2^64 addresses. Anything unparseable counts as given.
     */
    public static String key(String hostAddress) {
        if (hostAddress == null || hostAddress.indexOf(':') < 0) {
            return hostAddress == null ? "unknown" : hostAddress;
        }
        try {
            String literal = hostAddress.startsWith("[") ? hostAddress.substring(1, hostAddress.length() - 1)
                    : hostAddress;
            int zone = literal.indexOf('%');
            InetAddress address = InetAddress.getByName(zone < 0 ? literal : literal.substring(0, zone));
            if (address instanceof Inet6Address) {
                byte[] bytes = address.getAddress();
                return HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
            }
            return address.getHostAddress();
        } catch (UnknownHostException e) {
            return hostAddress;
        }
    }
}

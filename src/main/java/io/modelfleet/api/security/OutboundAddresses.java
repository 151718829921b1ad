package io.modelfleet.api.security;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the control plane may send requests on a user's behalf (cluster API servers; metric endpoints). Never,
 * unless an admin names the address literally: loopback (127.0.0.0/8, ::1), link-local (169.254.0.0/16,
 * fe80::/10, which holds the cloud metadata services at 169.254.169.254 and 169.254.170.2), AWS's IPv6 metadata
 * address fd00:ec2::254, and unspecified addresses (0.0.0.0/8, ::), also when embedded in an IPv6 address
 * (IPv4-mapped ::ffff:a.b.c.d, IPv4-compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16).
 * <p>
 * Two checks, for two moments:
 * <ul>
 * <li>{@link #forbiddenLiteral(String)} when a URL is stored: a host that is an address in any notation
 * (dotted, decimal {@code 2130706433}, octal {@code 0177.0.0.1}, hex {@code 0x7f.1}, bracketed IPv6 with or
 * without a zone) or a name fixed to loopback ({@code localhost}, {@code *.localhost}, RFC 6761). It never
 * resolves DNS: the API answers on the event loop, and a name's answer can change after it was checked anyway.
 * <li>{@link #forbiddenResolved(URI)} just before a request goes out: a DNS name is resolved and every address it
 * has is checked, so a name that later points at a forbidden address is refused then. A literal host is not
 * re-checked there: it passed the first check, or an admin wrote it on purpose.
 * </ul>
 */
public final class OutboundAddresses {

    /** Looks a host name up; the JDK's resolver in production, a table in tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private static final InetAddress AWS_METADATA_V6 = literalV6("fd00:ec2::254");

    private final Resolver resolver;

    public OutboundAddresses(Resolver resolver) {
        this.resolver = resolver;
    }

    /** With the JDK's resolver. */
    public static OutboundAddresses system() {
        return new OutboundAddresses(InetAddress::getAllByName);
    }

    /**
     * Why {@code url}'s host may not be reached without an admin, judged without DNS; empty when it may (also
     * when the URL has no host to judge: the URL's own syntax check reports that).
     */
    public static Optional<String> forbiddenLiteral(String url) {
        String host = host(url);
        if (host == null) {
            return Optional.empty();
        }
        if (isLoopbackName(host)) {
            return Optional.of("names host '" + host + "', which is always a loopback address");
        }
        for (InetAddress address : literal(host)) {
            Optional<String> kind = forbiddenKind(address);
            if (kind.isPresent()) {
                String shown = address.getHostAddress().equals(host) ? "" : " (" + address.getHostAddress() + ")";
                return Optional.of("names " + host + ", which is " + kind.get() + shown);
            }
        }
        return Optional.empty();
    }

    /**
     * Why a request to {@code uri} must not go out now, empty when it may: its DNS name resolves to a forbidden
     * address. The text names the kind of address, never the address itself, since it may reach a non-admin.
     */
    public Optional<String> forbiddenResolved(URI uri) {
        String host = uri.getHost() == null ? host(uri.toString()) : unbracket(uri.getHost());
        if (host == null || isLoopbackName(host) || !literal(host).isEmpty()) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host);
        } catch (UnknownHostException e) {
            // Nothing to connect to: the connection attempt fails on its own.
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            Optional<String> kind = forbiddenKind(address);
            if (kind.isPresent()) {
                return Optional.of("host " + host + " resolves to " + kind.get() + "; only an admin may point a"
                        + " target there, by writing the address itself");
            }
        }
        return Optional.empty();
    }

    /**
     * What kind of forbidden address {@code address} is ("a loopback address"), empty when it is allowed. The kind
     * never contains the address, so it may be shown to anyone.
     */
    public static Optional<String> forbiddenKind(InetAddress address) {
        if (address instanceof Inet6Address v6 && !v6.isLoopbackAddress() && !v6.isAnyLocalAddress()) {
            if (v6.equals(AWS_METADATA_V6)) {
                return Optional.of("the cloud metadata address");
            }
            InetAddress embedded = embeddedV4(v6.getAddress());
            if (embedded != null) {
                return forbiddenKind(embedded).map(kind -> kind + " embedded in an IPv6 address");
            }
        }
        if (address instanceof Inet4Address && (address.getAddress()[0] & 0xff) == 0) {
            return Optional.of("an unspecified address");
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("an unspecified address");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("a loopback address");
        }
        if (address.isLinkLocalAddress()) {
            byte[] b = address.getAddress();
            boolean metadata = b.length == 4 && (b[2] & 0xff) == 169 && (b[3] & 0xff) == 254;
            return Optional.of(metadata ? "the cloud metadata address" : "a link-local address");
        }
        return Optional.empty();
    }

    /** Every address {@code host} denotes as a literal, empty for a DNS name. Ambiguous notations give several. */
    static List<InetAddress> literal(String host) {
        String h = unbracket(host);
        List<InetAddress> found = new ArrayList<>();
        if (h.indexOf(':') >= 0) {
            int zone = h.indexOf('%');
            InetAddress v6 = literalV6(zone < 0 ? h : h.substring(0, zone));
            if (v6 != null) {
                found.add(v6);
            }
            return found;
        }
        String dotted = h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
        addIfPresent(found, ipv4(dotted, true));
        addIfPresent(found, ipv4(dotted, false));
        return found;
    }

    /**
     * The inet_aton forms: 1 to 4 parts, the last filling the remaining bytes. With {@code radixPrefixes} a part
     * may be octal (leading 0) or hex (0x), as C libraries read it; without, every part is decimal, as some Java
     * parsers read the same text. Both readings are checked, so neither can smuggle a forbidden address.
     */
    private static InetAddress ipv4(String text, boolean radixPrefixes) {
        if (text.isEmpty() || text.startsWith(".") || text.contains("..")) {
            return null;
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length > 4) {
            return null;
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            Long value = number(parts[i], radixPrefixes);
            if (value == null) {
                return null;
            }
            values[i] = value;
        }
        long address = 0;
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 255) {
                return null;
            }
            address |= values[i] << (8 * (3 - i));
        }
        long last = values[parts.length - 1];
        if (last >= 1L << (8 * (5 - parts.length))) {
            return null;
        }
        address |= last;
        byte[] bytes = {(byte) (address >> 24), (byte) (address >> 16), (byte) (address >> 8), (byte) address};
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    private static Long number(String part, boolean radixPrefixes) {
        if (part.isEmpty() || part.length() > 12) {
            return null;
        }
        String lower = part.toLowerCase(Locale.ROOT);
        try {
            if (radixPrefixes && lower.startsWith("0x")) {
                return lower.length() == 2 ? 0L : Long.parseLong(lower.substring(2), 16);
            }
            if (!lower.chars().allMatch(Character::isDigit)) {
                return null;
            }
            if (radixPrefixes && lower.length() > 1 && lower.startsWith("0")) {
                return lower.chars().allMatch(c -> c >= '0' && c <= '7') ? Long.parseLong(lower, 8) : null;
            }
            return Long.parseLong(lower);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The IPv4 address carried inside an IPv6 one (mapped, compatible, NAT64, 6to4), or null. */
    private static InetAddress embeddedV4(byte[] b) {
        boolean mapped = allZero(b, 0, 10) && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = allZero(b, 0, 12) && !allZero(b, 12, 16);
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff
                && (b[3] & 0xff) == 0x9b && allZero(b, 4, 12);
        try {
            if (mapped || compatible || nat64) {
                return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
                return InetAddress.getByAddress(new byte[] {b[2], b[3], b[4], b[5]});
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
        return null;
    }

    private static boolean allZero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLoopbackName(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        h = h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
        return h.equals("localhost") || h.endsWith(".localhost");
    }

    /** The host of a URL, also where {@link URI#getHost()} gives none (e.g. {@code https://2130706433/}). */
    static String host(String url) {
        if (url == null) {
            return null;
        }
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (uri.getHost() != null) {
            return unbracket(uri.getHost());
        }
        String authority = uri.getRawAuthority();
        if (authority == null) {
            return null;
        }
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        if (hostPort.startsWith("[")) {
            int end = hostPort.indexOf(']');
            return end < 0 ? null : unbracket(hostPort.substring(0, end + 1));
        }
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    private static String unbracket(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return h.replace("%25", "%");
    }

    private static InetAddress literalV6(String text) {
        if (!text.matches("[0-9A-Fa-f:.]+") || text.indexOf(':') < 0) {
            return null;
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static void addIfPresent(List<InetAddress> list, InetAddress address) {
        if (address != null && !list.contains(address)) {
            list.add(address);
        }
    }
}

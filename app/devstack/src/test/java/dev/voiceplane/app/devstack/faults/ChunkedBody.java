package dev.voiceplane.app.devstack.faults;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A chunked request body with no declared length, sent over a raw socket 64 KB at a time until the
 * server answers or {@link #LIMIT} has gone: what a client that wants to exhaust memory sends.
 */
final class ChunkedBody {

    /** Well above what loopback socket buffers take in before the server's answer is seen (several MB on Linux). */
    static final long LIMIT = 32L * 1024 * 1024;
    private static final byte[] CHUNK = new byte[64 * 1024];

    static {
        Arrays.fill(CHUNK, (byte) ' ');
    }

    /** What the server answered, and how much had been sent by then. */
    record Answer(String statusLine, long sentBytes) {
        int status() {
            String[] parts = statusLine.split(" ");
            return parts.length > 1 && parts[1].matches("[0-9]{3}") ? Integer.parseInt(parts[1]) : -1;
        }

        String describe() {
            return status() + " after " + sentBytes / 1024 + " KB";
        }
    }

    private ChunkedBody() {
    }

    static Answer post(String baseUrl, String path, String contentType, String token) throws IOException {
        URI url = URI.create(baseUrl);
        long sent = 0;
        try (Socket socket = new Socket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(60_000); // only against a hang
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: " + url.getHost() + "\r\nContent-Type: " + contentType + "\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "Transfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            try {
                while (sent < LIMIT && in.available() == 0) {
                    out.write((Integer.toHexString(CHUNK.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(CHUNK);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    sent += CHUNK.length;
                }
                if (sent >= LIMIT) {
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            } catch (IOException closed) {
                // refused and closed while sending: the answer is already on its way
            }
            return new Answer(readLine(in), sent);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != -1 && c != '\n') {
            line.append((char) c);
        }
        return line.toString().trim();
    }
}

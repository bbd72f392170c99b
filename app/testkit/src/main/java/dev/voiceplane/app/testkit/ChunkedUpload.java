package dev.voiceplane.app.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts a chunked JSON body over a raw socket and reads the status line while the body is still being sent.
 * Not HttpClient: a server that refuses a body answers and closes while the client is still writing, and
 * HttpClient then loses the answer to the reset now and then.
 */
public final class ChunkedUpload {
    private static final int CHUNK = 64 * 1024;

    /** What the server answered, and how much of the body the client got to send before it closed. */
    public record Result(String statusLine, long bytesSent) {
    }

    private ChunkedUpload() {
    }

    public static Result post(int port, String path, String bearerToken, long bodyBytes) throws IOException, InterruptedException {
        AtomicLong sent = new AtomicLong();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            // A safety net against a hang only; the answer comes as soon as the limit is crossed.
            socket.setSoTimeout((int) Duration.ofSeconds(60).toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer " + bearerToken + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            Thread writer = new Thread(() -> {
                byte[] chunk = new byte[CHUNK];
                Arrays.fill(chunk, (byte) ' ');
                byte[] head = (Integer.toHexString(CHUNK) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                try {
                    while (sent.get() < bodyBytes) {
                        out.write(head);
                        out.write(chunk);
                        out.write(new byte[] {'\r', '\n'});
                        sent.addAndGet(CHUNK);
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // The server closed the connection after refusing: what a caller of this expects.
                }
            }, "chunked-writer");
            writer.start();
            StringBuilder status = new StringBuilder();
            InputStream in = socket.getInputStream();
            for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
                status.append((char) c);
            }
            socket.close();
            writer.join(Duration.ofSeconds(60).toMillis());
            return new Result(status.toString().strip(), sent.get());
        }
    }
}

package org.civicflow.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpOutputMessage;
import org.springframework.http.MediaType;
import org.springframework.http.converter.AbstractHttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;

/**
 * Reads the JSON bodies of CivicFlow's own API ({@code @RequestBody JsonNode}, checked by {@link JsonInput})
 * exactly: decimals as BigDecimal (as doubles 1e400 would be Infinity and cents would silently round), a field
 * twice or text after the object refused, and the bytes strictly in the declared charset (UTF-8 by default, as
 * RFC 8259 wants). Whatever Jackson cannot read is an {@link HttpMessageNotReadableException}
 * whose cause keeps the parser, so that {@link ProblemHandler} can name the field. Spring Boot puts converter
 * beans ahead of its own, so this one is asked first for JsonNode bodies; it never writes.
 */
@Component
final class JsonBodyConverter extends AbstractHttpMessageConverter<JsonNode> {

    private static final byte[] BYTE_ORDER_MARK = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private final ObjectReader reader;

    JsonBodyConverter(ObjectMapper objectMapper) {
        super(MediaType.APPLICATION_JSON, new MediaType("application", "*+json"));
        this.reader = objectMapper.readerFor(JsonNode.class)
                .with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
                .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION);
    }

    @Override
    protected boolean supports(Class<?> type) {
        return type == JsonNode.class;
    }

    @Override
    protected boolean canWrite(MediaType mediaType) {
        return false;
    }

    @Override
    protected JsonNode readInternal(Class<? extends JsonNode> type, HttpInputMessage input) throws IOException {
        try (JsonParser parser = parser(input)) {
            try {
                return reader.readTree(parser);
            } catch (StreamConstraintsException | NumberFormatException | CharacterCodingException e) {
                // thrown without the parser (a number past BigDecimal's exponent, a too long value, bytes that are
                // not UTF-8): keep it, it knows which field was being read
                throw unreadable(new JsonParseException(parser, e.getMessage(), e), input);
            } catch (JsonProcessingException e) {
                throw unreadable(e, input);
            }
        }
    }

    @Override
    protected void writeInternal(JsonNode node, HttpOutputMessage output) {
        throw new UnsupportedOperationException("JsonBodyConverter only reads");
    }

    private JsonParser parser(HttpInputMessage input) throws IOException {
        MediaType contentType = input.getHeaders().getContentType();
        // (an unknown charset never gets here: Spring answers 415 first)
        Charset charset = contentType == null || contentType.getCharset() == null ? StandardCharsets.UTF_8
                : contentType.getCharset();
        InputStream body = charset.equals(StandardCharsets.UTF_8) ? withoutByteOrderMark(input.getBody())
                : input.getBody();
        // decoded strictly: Jackson's own UTF-8 decoding lets overlong forms such as C0 AF ("/") through
        return reader.createParser(new StrictReader(body, charset));
    }

    /**
     * Decodes strictly, and hands out what it decoded before a malformed sequence before it throws, so that the
     * parser has reached the field that holds it (an InputStreamReader throws at once, losing the position).
     */
    private static final class StrictReader extends Reader {

        private final InputStream in;
        private final CharsetDecoder decoder;
        private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
        private final CharBuffer chars = CharBuffer.allocate(8192).flip();
        private CharacterCodingException malformed;
        private boolean eof;
        private boolean done;

        StrictReader(InputStream in, Charset charset) {
            this.in = in;
            this.decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (!chars.hasRemaining()) {
                if (malformed != null) {
                    throw malformed;
                }
                if (done) {
                    return -1;
                }
                decodeMore();
            }
            int count = Math.min(length, chars.remaining());
            chars.get(buffer, offset, count);
            return count;
        }

        private void decodeMore() throws IOException {
            chars.compact();
            CoderResult result = decoder.decode(bytes, chars, eof);
            if (result.isError()) {
                try {
                    result.throwException();
                } catch (CharacterCodingException e) {
                    malformed = e;
                }
            } else if (result.isUnderflow() && eof) {
                decoder.flush(chars);
                done = true;
            } else if (result.isUnderflow()) {
                bytes.compact();
                int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (read < 0) {
                    eof = true;
                } else {
                    bytes.position(bytes.position() + read);
                }
                bytes.flip();
            }
            chars.flip();
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

    /** RFC 8259 lets a parser ignore a UTF-8 byte order mark (some Windows clients send one); a Reader would not. */
    private static InputStream withoutByteOrderMark(InputStream body) throws IOException {
        PushbackInputStream in = new PushbackInputStream(body, BYTE_ORDER_MARK.length);
        byte[] start = in.readNBytes(BYTE_ORDER_MARK.length);
        if (!Arrays.equals(start, BYTE_ORDER_MARK)) {
            in.unread(start);
        }
        return in;
    }

    private static HttpMessageNotReadableException unreadable(JsonProcessingException e, HttpInputMessage input) {
        return new HttpMessageNotReadableException("JSON parse error: " + e.getOriginalMessage(), e, input);
    }
}

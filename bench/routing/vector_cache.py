"""Reads the vector cache that `eval --vector-cache FILE` writes: a format mark, the model id, the count, then per text its key
and its vector (Java's DataOutputStream: big-endian, strings as modified UTF-8 with a two-byte length)."""
import struct

import numpy as np


def read(path):
    """The cache's model id and its vectors by text key."""
    data = open(path, "rb").read()
    pos = 0

    def utf():
        nonlocal pos
        n = struct.unpack(">H", data[pos:pos + 2])[0]
        s = data[pos + 2:pos + 2 + n].decode("utf-8", "replace")
        pos += 2 + n
        return s

    utf()
    model = utf()
    count = struct.unpack(">i", data[pos:pos + 4])[0]
    pos += 4
    vectors = {}
    for _ in range(count):
        key = utf()
        n = struct.unpack(">i", data[pos:pos + 4])[0]
        pos += 4
        vectors[key] = np.frombuffer(data[pos:pos + 4 * n], dtype=">f4").astype(np.float32)
        pos += 4 * n
    return model, vectors

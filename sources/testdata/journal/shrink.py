# Shrinks a journal file's data hash table so that the file makes a small
# fuzz seed: objects after the table move down, every offset follows. The
# table keeps four buckets, its chains rebuilt from each DATA object's hash.
import struct, sys
b = bytearray(open(sys.argv[1], 'rb').read())
u64 = lambda o: struct.unpack_from('<Q', b, o)[0]
u32 = lambda o: struct.unpack_from('<I', b, o)[0]
compact = u32(12) & 16
hs = u64(88)
dht_obj = u64(104) - 16
old = u64(dht_obj + 8)
new = 16 + 16 * 4
cut = dht_obj + ((old + 7) & ~7)
delta = cut - (dht_obj + new)
fix = lambda v: v - delta if v >= cut else v
def p64(o):
    v = u64(o)
    if v: struct.pack_into('<Q', b, o, fix(v))
def p32(o):
    v = u32(o)
    if v: struct.pack_into('<I', b, o, fix(v))
tail = u64(136)
end = tail + u64(tail + 8)
off = hs
while off < end:
    t = b[off]; size = u64(off + 8)
    if t == 1:
        for k in (24, 32, 40, 48): p64(off + k)
        if compact: p32(off + 64)
    elif t == 2:
        for k in (24, 32): p64(off + k)
    elif t == 3:
        step = 4 if compact else 16
        for o in range(off + 64, off + size, step):
            (p32 if compact else p64)(o)
    elif t == 5:
        for o in range(off + 16, off + size, 8): p64(o)
    elif t == 6:
        p64(off + 16)
        step = 4 if compact else 8
        for o in range(off + 24, off + size, step):
            (p32 if compact else p64)(o)
    off += (size + 7) & ~7
for o in (136, 176): p64(o)
if hs >= 264: p32(256)
if hs >= 272: p64(264)
struct.pack_into('<Q', b, 112, new - 16)
struct.pack_into('<Q', b, dht_obj + 8, new)
b[dht_obj + 16:dht_obj + new] = bytes(new - 16)
out = b[:dht_obj + new] + b[cut:(end + 7) & ~7]
struct.pack_into('<Q', out, 96, len(out) - hs)  # arena_size
n = (new - 16) // 16
heads, tails = [0] * n, [0] * n
off = hs
while off < len(out):
    size = struct.unpack_from('<Q', out, off + 8)[0]
    if out[off] == 1:
        h = struct.unpack_from('<Q', out, off + 16)[0] % n
        struct.pack_into('<Q', out, off + 24, 0)
        if tails[h]:
            struct.pack_into('<Q', out, tails[h] + 24, off)
        else:
            heads[h] = off
        tails[h] = off
    off += (size + 7) & ~7
for i in range(n):
    struct.pack_into('<QQ', out, dht_obj + 16 + 16 * i, heads[i], tails[i])
open(sys.argv[2], 'wb').write(out)

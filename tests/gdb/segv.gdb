# A guest killed by a signal is reported as such (X0b): jump to an unmapped address.
set pagination off
set confirm off
break mix
continue
set $pcoqh = 0x20
set $pcoqt = 0x24
continue

# Run by gdb_stub_test.sh against `dynsim run --gdb` and against `qemu-hppa -g`: every
# line it prints between the breakpoint and the exit must agree.
set pagination off
set confirm off
break main
continue
printf "MAINSYM %#x\n", &main
printf "MAIN pc=%#x\n", $pc
info registers pc
printf "R26 %#x\n", $r26
x/4wx &magic
echo REGS-BEGIN\n
maint print raw-registers
echo REGS-END\n
stepi
printf "STEP pc=%#x\n", $pc
continue

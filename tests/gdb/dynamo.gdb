# Under --dynamo: break in Dynamo's interpreter (its symbols added by the test), step,
# and continue to the end.
set pagination off
set confirm off
break dynamo::Interpreter::Run
continue
printf "DYN pc=%#x\n", $pc
stepi
printf "DYNSTEP pc=%#x\n", $pc
delete
continue

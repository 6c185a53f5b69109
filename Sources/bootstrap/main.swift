import ESProxy
import LambdaRuntime

// Everything is built and checked once at init; the loop then only handles events.
LambdaRuntime.main(initialize: GatewayFunction.make)

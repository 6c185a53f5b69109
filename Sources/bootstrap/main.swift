import LambdaRuntime

LambdaRuntime.main { _ in APIGatewayHandler(EchoFunction.respond) }

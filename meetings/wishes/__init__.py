"""Theme wishes (temaförslag): members suggest and support themes for coming meetings;
coordinators adopt or close them."""

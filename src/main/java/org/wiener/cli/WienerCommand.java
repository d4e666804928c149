package org.wiener.cli; public class WienerCommand { public static void main(String[] a){System.out.println("hi");} }
